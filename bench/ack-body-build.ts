// Two builds of the app from the same sources for the ack-body bench: as it is (read-only commands answer in the
// ack body within ANSWER_IN_ACK_WITHIN_MS) and with that deadline at 0 (ack at once, answer through response_url:
// the flow before decision 0026). Bundled like `npm run build` (bundle.config.mjs), but straight from the
// TypeScript and into a cache folder, so a concurrent `npm run build` cannot swap dist/ under a running bench.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_OPTIONS } from '../bundle-options.mjs';
import { ROOT } from './floor-setup.ts';

export type Variant = 'ack-body' | 'response-url';

const OUT = join(ROOT, 'node_modules/.cache/bench-ack-body');
const DEADLINE = /export const ANSWER_IN_ACK_WITHIN_MS = \d+;/;

/** Sets the deadline to 0 in the one module that defines it; fails loudly if that line ever changes shape. */
const answerThroughResponseUrl: Plugin = {
  name: 'answer-through-response-url',
  setup(b) {
    b.onLoad({ filter: /answer-in-ack\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!DEADLINE.test(source)) throw new Error(`${args.path}: no ANSWER_IN_ACK_WITHIN_MS to set to 0`);
      return {
        contents: source.replace(DEADLINE, 'export const ANSWER_IN_ACK_WITHIN_MS = 0;'),
        loader: 'ts',
      };
    });
  },
};

/** Builds `variant` of `npm start`'s entry point; returns the script's path relative to ROOT, for startTarget. */
export async function buildVariant(variant: Variant): Promise<string> {
  const outdir = join(OUT, variant);
  await build({
    entryPoints: { main: join(ROOT, 'src/main.ts') },
    outdir,
    ...BUNDLE_OPTIONS,
    plugins: variant === 'response-url' ? [answerThroughResponseUrl] : [],
    logLevel: 'warning',
  });
  return join('node_modules/.cache/bench-ack-body', variant, 'main.js');
}
