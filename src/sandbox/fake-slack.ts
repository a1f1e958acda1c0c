// A fake Slack Web API on loopback for tests (SPEC §4 rules enforced); the parts live in ./fake-slack/.
export { FakeSlack } from './fake-slack/server.ts';
export { BOT_ID, BOT_USER_ID } from './fake-slack/state.ts';
export type {
  Failure,
  FakeCall,
  FakeChannel,
  FakeFile,
  FakeSlackOptions,
  FakeUser,
  HoldHandle,
  StoredMessage,
  StoredView,
} from './fake-slack/types.ts';
