// The page's files: index.html, the stylesheet, and its TypeScript bundled once at start by esbuild (a dev
// dependency: the sandbox is a dev tool, excluded from the production build).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

export interface PageAssets {
  html: string;
  css: string;
  script: string;
}

export async function buildPageAssets(): Promise<PageAssets> {
  const { build } = await import('esbuild');
  const bundled = await build({
    entryPoints: [`${PAGE_DIR}main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
  });
  return {
    html: readFileSync(`${PAGE_DIR}index.html`, 'utf8'),
    css: readFileSync(`${PAGE_DIR}sandbox.css`, 'utf8'),
    script: bundled.outputFiles[0]?.text ?? '',
  };
}
