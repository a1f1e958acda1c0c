// Second step of `npm run build`: bundles tsc's output (dist/src/main.js, web.js, worker.js) with the production
// dependencies into dist/bundle/, which `npm start`, `start:web`, `start:worker` and the container run.
// Loading one bundle instead of ~900 CommonJS files from node_modules halves the cold start and saves ~10 MB
// (bench/results/cold-start.node*.json, docs/decisions/0017-compiled-build-on-node-lts.md).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const OUT = 'dist/bundle';

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'dist/src/main.js', web: 'dist/src/web.js', worker: 'dist/src/worker.js' },
  outdir: OUT,
  ...BUNDLE_OPTIONS,
  // Readable stack traces: no minification; linked source maps for `node --enable-source-maps` when debugging.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
process.stdout.write(
  `bundled ${Object.keys(result.metafile.inputs).length} modules into ${OUT}/ (${files} files, ${(bytes / 2 ** 20).toFixed(1)} MB with maps)\n`,
);
