// What every listener knows about the request it serves: the actor, and a private reply route.
import type { Actor } from '../features/actor.ts';
import type { Reply } from './reply.ts';

export interface RequestContext extends Actor {
  reply: Reply;
}
