// Debian's Chromium, driven by playwright-core (no browser downloads). Missing locally: the browser tests are
// skipped with a note; in CI (CI_REQUIRE_BROWSER=1, set by .ci/run after installing it) they fail instead.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);
export const browserRequired = process.env.CI_REQUIRE_BROWSER === '1';

/** Screenshots of each step, kept as test artifacts (a few are copied to docs/images/ by hand). */
export const ARTIFACTS = fileURLToPath(new URL('../../.artifacts/browser/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!browserAvailable)
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: false });
}
