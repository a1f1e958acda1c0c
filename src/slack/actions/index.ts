// Registers every button the app has ever posted (ids are a public API, SPEC §2.9).
import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { ACTION, LIST_PAGE_ACTION, VOTE_ACTION } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { handleCardEdit, handleCardStatus } from './card-buttons.ts';
import { handleCardMore } from './card-more.ts';
import { handleCardPain } from './card-pain.ts';
import { handleCardRepost } from './card-repost.ts';
import { handleHomeAssign, handleHomeFile, handleHomeReminders, handleLinkClick } from './home.ts';
import { handleListPage } from './list-page.ts';
import { handleMyVotes } from './my-votes.ts';
import { handleVote } from './vote.ts';
import { handleVotingControl } from './voting-controls.ts';

export function register(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.cardEdit, handleCardEdit(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.cardResolve, handleCardStatus(deps, 'resolve'));
  app.action<BlockAction<ButtonAction>>(ACTION.cardRepost, handleCardRepost(deps));
  app.action<BlockAction<ButtonAction>>(LIST_PAGE_ACTION, handleListPage(deps));
  app.action<BlockAction<ButtonAction>>(VOTE_ACTION, handleVote(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.closeVoting, handleVotingControl(deps, true));
  app.action<BlockAction<ButtonAction>>(ACTION.reopenVoting, handleVotingControl(deps, false));
  app.action<BlockAction<ButtonAction>>(ACTION.cardPain, handleCardPain(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.homeFile, handleHomeFile(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.homeAssign, handleHomeAssign(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.homeReminders, handleHomeReminders(deps));
  app.action(ACTION.reminderVote, handleLinkClick());
  app.action<BlockAction<ButtonAction>>(ACTION.myVotes, handleMyVotes(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.cardStart, handleCardStatus(deps, 'start'));
  app.action<BlockAction<ButtonAction>>(ACTION.cardReopen, handleCardStatus(deps, 'reopen'));
  app.action<BlockAction<OverflowAction>>(ACTION.cardMore, handleCardMore(deps));
}
