// The hourly snapshot sweep over 1,000 channels (SPEC §1.8): the run that writes the week's snapshots, and the
// runs after it that only find them written. Real Redis under a fresh prefix, removed afterwards.
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../src/domain/settings.ts';
import { sweepSnapshots } from '../src/features/history/take-snapshots.ts';
import { createLogger } from '../src/lib/logger.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { summarize, writeResult } from './stats.ts';

const CHANNELS = 1000;
const ITEMS_PER_CHANNEL = 10;
const TEAM = 'T0BENCH';
/** Monday 7 Dec 2026, 11:00 UTC: every channel's snapshot (Monday 00:00, Berlin) is due. */
const MONDAY = new Date('2026-12-07T11:00:00Z');

export async function benchSnapshotSweep(): Promise<string> {
  const prefix = testPrefix('bench-snap');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    REDIS_PREFIX: prefix,
  });
  const deps = createDeps(config, { logger: createLogger('warn'), clock: { now: () => MONDAY } });
  await deps.ready();
  try {
    const seedStart = performance.now();
    for (let c = 0; c < CHANNELS; c++) {
      const channelId = `C${String(c).padStart(6, '0')}`;
      await deps.settings.save(TEAM, channelId, { ...DEFAULT_CHANNEL_SETTINGS, timezone: 'Europe/Berlin' });
      await Promise.all(
        Array.from({ length: ITEMS_PER_CHANNEL }, (_, i) =>
          deps.items.file({
            teamId: TEAM,
            channelId,
            reporterId: 'U0BENCH',
            submissionKey: `${channelId}-${i}`,
            draft: {
              title: `Item ${i}`,
              description: '',
              category: 'data',
              component: '',
              links: [],
              ownerId: null,
            },
            estimates: { severity: ((i % 5) + 1) as 1, frequency: (((i + 2) % 5) + 1) as 1 },
          }),
        ),
      );
    }
    const seedMs = performance.now() - seedStart;
    const t0 = performance.now();
    const first = await sweepSnapshots(deps);
    const writeMs = performance.now() - t0;
    const steadyMs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t = performance.now();
      await sweepSnapshots(deps);
      steadyMs.push(performance.now() - t);
    }
    return writeResult('snapshot-sweep', {
      channels: CHANNELS,
      itemsPerChannel: ITEMS_PER_CHANNEL,
      seedMs: Math.round(seedMs),
      firstRun: { ...first, wallMs: Math.round(writeMs) },
      laterRunsMs: summarize(steadyMs),
    });
  } finally {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
  }
}
