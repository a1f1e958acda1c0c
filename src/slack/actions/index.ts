// Registers every button the app has ever posted (ids are a public API, SPEC §2.9).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION, LIST_PAGE_ACTION, VOTE_ACTION } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { handleCardEdit, handleCardResolve } from './card-buttons.ts';
import { handleCardPain } from './card-pain.ts';
import { handleCardRepost } from './card-repost.ts';
import { handleListPage } from './list-page.ts';
import { handleVote } from './vote.ts';
import { handleVotingControl } from './voting-controls.ts';

export function register(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.cardEdit, handleCardEdit(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.cardResolve, handleCardResolve(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.cardRepost, handleCardRepost(deps));
  app.action<BlockAction<ButtonAction>>(LIST_PAGE_ACTION, handleListPage(deps));
  app.action<BlockAction<ButtonAction>>(VOTE_ACTION, handleVote(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.closeVoting, handleVotingControl(deps, true));
  app.action<BlockAction<ButtonAction>>(ACTION.reopenVoting, handleVotingControl(deps, false));
  app.action<BlockAction<ButtonAction>>(ACTION.cardPain, handleCardPain(deps));
}
