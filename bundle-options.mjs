// The esbuild options every bundle of the app shares: `npm run build`'s (bundle.config.mjs) and the ack-body
// bench's two variants (bench/ack-body-build.ts), so the bench measures what `npm start` runs.

// Left to node_modules at run time: packages that locate files next to themselves when they run (native
// addons: msgpackr-extract, @resvg/resvg-js and its per-platform binary; pino's worker-thread transports).
// They are production dependencies, so the image has them. The chart's fonts are not code: src/chart finds
// them in node_modules/dejavu-fonts-ttf with require.resolve, from the bundle as from tsc's output.
export const BUNDLE_OPTIONS = {
  bundle: true,
  // The entry points share one copy of the code (chunks), as they would share node_modules.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: ['msgpackr-extract', 'pino', '@resvg/resvg-js'],
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
};
