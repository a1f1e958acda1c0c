// Second step of `npm run build`: bundles tsc's output (dist/src/main.js, web.js, worker.js) with the production
// dependencies into dist/bundle/, which `npm start`, `start:web`, `start:worker` and the container run.
// Loading one bundle instead of ~900 CommonJS files from node_modules halves the cold start and saves ~10 MB
// (bench/results/cold-start.node*.json, docs/decisions/0017-compiled-build-on-node-lts.md).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';

// Left to node_modules at run time: packages that locate files next to themselves when they run (native
// addons: msgpackr-extract, @resvg/resvg-js and its per-platform binary; pino's worker-thread transports).
// They are production dependencies, so the image has them. The chart's fonts are not code: src/chart finds
// them in node_modules/dejavu-fonts-ttf with require.resolve, from the bundle as from tsc's output.
const external = ['msgpackr-extract', 'pino', '@resvg/resvg-js'];

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'dist/src/main.js', web: 'dist/src/web.js', worker: 'dist/src/worker.js' },
  outdir: OUT,
  bundle: true,
  // The three entry points share one copy of the code (chunks), as they would share node_modules.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external,
  // CommonJS dependencies inside an ES module still call require() and read __dirname / __filename.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
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
