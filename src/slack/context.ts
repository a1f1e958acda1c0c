// What every listener knows about the request it serves: the actor, and a private reply route.
import type { Context } from '@slack/bolt';
import type { Actor } from '../features/actor.ts';
import type { Reply } from './reply.ts';

export interface RequestContext extends Actor {
  reply: Reply;
}

/**
 * The workspace that installed the app, which keys every read and write (SPEC §3.2): set on the context by
 * the app's authorize (src/slack/installation.ts), never taken from the payload's team or user.
 */
export function installedTeam(context: Context): string {
  if (!context.teamId) throw new Error('the request context names no workspace');
  return context.teamId;
}
