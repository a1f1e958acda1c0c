// A manifest granting the bot scopes the fake Slack's own tests call methods with, in a temporary directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCOPES =
  'chat:write, channels:read, channels:history, groups:read, groups:history, im:write, users:read, files:write';

export function testManifest(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), `${name}-`)), 'manifest.yml');
  writeFileSync(path, `oauth_config:\n  scopes:\n    bot: [${SCOPES}]\n`);
  return path;
}
