// Baseline for `npm run bench -- cold-start`: a bare Bolt app with the same HTTPReceiver as src/start-web.ts,
// whose listeners only ack, plus /healthz and /readyz so that it can be polled like the real app.
// Plain JavaScript on purpose: it runs on `node` alone, with nothing to compile or load first.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const ok = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? 'bare',
  endpoints: '/slack/events',
  customRoutes: [
    { path: '/healthz', method: ['GET'], handler: ok },
    { path: '/readyz', method: ['GET'], handler: ok },
  ],
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? 'https://slack.com/api/' },
});
const acking = async ({ ack }) => {
  await ack();
};
app.command(/.*/, acking);
app.action(/.*/, acking);
app.view(/.*/, acking);
app.shortcut(/.*/, acking);
app.options(/.*/, acking);

await app.start(Number(process.env.PORT ?? 3000));
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
