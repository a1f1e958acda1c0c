// A fake Slack Web API on loopback (SPEC §4 rules enforced), for the tests and as the sandbox's Slack; the parts live in ./fake-slack/.

export { checkOptionsAnswer } from './fake-slack/check-payload.ts';
export {
  parseSavedWorkspace,
  type SavedWorkspace,
  SavedWorkspaceSchema,
} from './fake-slack/saved-workspace.ts';
export { FakeSlack } from './fake-slack/server.ts';
export { BOT_ID, BOT_USER_ID } from './fake-slack/state.ts';
export type { SubmissionOutcome } from './fake-slack/submissions.ts';
export type {
  Failure,
  FakeCall,
  FakeChannel,
  FakeFile,
  FakeSlackOptions,
  FakeUser,
  HoldHandle,
  ResponseContext,
  StoredMessage,
  StoredView,
} from './fake-slack/types.ts';
