// Time to build the weekly digest of a 10,000-item channel (model + Block Kit message), and the message's size.
import { buildDigestMessage } from '../blocks/digest.ts';
import { buildDigestModel, type DigestItem } from '../src/domain/digest.ts';
import { scoreItem } from '../src/domain/scoring.ts';
import { blockTextLength } from '../src/sandbox/fake-slack/payload-rules.ts';
import { maximalChannel, maximalInput, SLOT } from '../test/blocks/digest-fixtures.ts';
import { summarize, writeResult } from './stats.ts';

const ITEMS = 10_000;
const WARMUP = 5;
const RUNS = 20;
const LINKS = { workspaceUrl: 'https://acme.slack.com/' };

function time(run: () => void): number[] {
  for (let i = 0; i < WARMUP; i++) run();
  return Array.from({ length: RUNS }, () => {
    const t = performance.now();
    run();
    return performance.now() - t;
  });
}

export async function benchDigestBuild(): Promise<string> {
  const channel = maximalChannel(ITEMS);
  const input = maximalInput(ITEMS, channel);
  const quorum = input.settings.quorum;

  const modelMs = time(() => buildDigestModel(input));
  const model = buildDigestModel(input);
  const messageMs = time(() => buildDigestMessage(model, LINKS));
  const buildMs = time(() => buildDigestMessage(buildDigestModel(input), LINKS));
  // What the job does per digest: score every item from its votes, then build.
  const withScoringMs = time(() => {
    const items: DigestItem[] = channel.items.map((d, i) => ({
      ...d,
      score: scoreItem(channel.votes[i] ?? [], [], quorum, SLOT),
    }));
    buildDigestMessage(buildDigestModel({ ...input, items }), LINKS);
  });

  const message = buildDigestMessage(model, LINKS);
  return writeResult('digest-build', {
    items: ITEMS,
    votes: channel.votes.reduce((n, v) => n + v.length, 0),
    warmup: WARMUP,
    runs: RUNS,
    modelMs: summarize(modelMs),
    messageMs: summarize(messageMs),
    modelAndMessageMs: summarize(buildMs),
    withScoringMs: summarize(withScoringMs),
    message: {
      blocks: message.blocks.length,
      blockTextChars: blockTextLength(message.blocks),
      jsonBytes: Buffer.byteLength(JSON.stringify(message)),
      fallbackText: message.text,
    },
  });
}
