// npm run bench: runs every benchmark and writes its numbers to bench/results/<name>.json.
import { benchAckBody } from './ack-body.ts';
import { benchChartRender } from './chart-render.ts';
import { benchColdStart } from './cold-start.ts';
import { benchDigestBuild } from './digest-build.ts';
import { benchDigestDrain } from './digest-drain.ts';
import { benchExport } from './export.ts';
import { benchFiling } from './filing.ts';
import { benchFloor } from './floor.ts';
import { benchMetricsOverhead } from './metrics-overhead.ts';
import { benchSnapshotSweep } from './snapshot-sweep.ts';
import { benchVoteBurst } from './vote-burst.ts';

const benches: Record<string, () => Promise<string>> = {
  'ack-body': benchAckBody,
  'chart-render': benchChartRender,
  'cold-start': benchColdStart,
  'digest-build': benchDigestBuild,
  'digest-drain': benchDigestDrain,
  export: benchExport,
  filing: benchFiling,
  floor: benchFloor,
  'metrics-overhead': benchMetricsOverhead,
  'scale-out': () => import('./scale-out.ts').then((m) => m.benchScaleOut()),
  'snapshot-sweep': benchSnapshotSweep,
  'vote-burst': benchVoteBurst,
};
const only = process.argv.slice(2);

for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = await run();
  process.stdout.write(`${name}: ${file}\n`);
}
process.exit(0);
