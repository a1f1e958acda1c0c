// Every Web API method the code calls is covered by a bot scope in manifest.yml, and every bot scope there
// is used. (The fake Slack server also checks each call the test suite makes against the same scopes.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_SCOPES, readManifestBotScopes, scopesFor } from '../src/sandbox/fake-slack/method-scopes.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CALL =
  /\bclient\s*\.\s*(auth|chat|conversations|users|views|files|reactions|team)\s*\.\s*([a-zA-Z]+)\s*\(/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const called = new Set(
  ['src', 'jobs', 'blocks'].flatMap((dir) =>
    sources(join(ROOT, dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(CALL)].map((m) => `${m[1]}.${m[2]}`),
    ),
  ),
);
const granted = new Set(readManifestBotScopes(join(ROOT, 'manifest.yml')));

describe('bot scopes in manifest.yml', () => {
  it('finds the methods the app calls', () => {
    expect([...called]).toEqual(
      expect.arrayContaining(['chat.postMessage', 'chat.update', 'views.open', 'conversations.history']),
    );
  });

  it.each([...called].sort())(
    '%s is covered by a granted scope (public and private channels alike)',
    (method) => {
      expect(METHOD_SCOPES, `${method} is not in src/sandbox/fake-slack/method-scopes.ts`).toHaveProperty([
        method,
      ]);
      const kinds =
        method.startsWith('conversations.') && method !== 'conversations.open'
          ? (['public', 'private'] as const)
          : [undefined];
      for (const kind of kinds) {
        const needed = scopesFor(method, kind);
        if (needed === null) continue;
        expect(
          needed?.some((s) => granted.has(s)),
          `${method} (${kind ?? 'any'}) needs one of ${needed?.join(', ')}`,
        ).toBe(true);
      }
    },
  );

  it('grants nothing the code does not use', () => {
    const used = new Set(['commands', 'chat:write.public']);
    for (const method of called) for (const s of METHOD_SCOPES[method] ?? []) used.add(s);
    expect([...granted].filter((s) => !used.has(s))).toEqual([]);
  });
});
