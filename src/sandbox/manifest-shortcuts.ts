// The message shortcuts manifest.yml declares: the page offers them on every message, as Slack's menu does.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ManifestShape {
  features?: { shortcuts?: { name?: unknown; type?: unknown; callback_id?: unknown }[] };
}

export function readManifestShortcuts(path: string): { callbackId: string; name: string }[] {
  const manifest = parse(readFileSync(path, 'utf8')) as ManifestShape;
  return (manifest.features?.shortcuts ?? [])
    .filter((s) => s.type === 'message' && typeof s.callback_id === 'string' && typeof s.name === 'string')
    .map((s) => ({ callbackId: String(s.callback_id), name: String(s.name) }));
}
