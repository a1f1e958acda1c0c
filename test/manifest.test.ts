// manifest.yml is importable into Slack as is: it passes Slack's published schema and carries what the code relies on.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Slack's schema sits beside the repo (not copied into it); a clone without shared/ skips that one check.
const schemaPath = resolve(repoRoot, '../shared/slack/manifest.schema.1.0.0.json');
const hasSchema = existsSync(schemaPath);
if (!hasSchema)
  console.warn(`manifest schema check skipped: ${schemaPath} not found (a clone without shared/)`);

interface Manifest {
  _metadata?: { major_version?: number };
  display_information: { name: string; long_description?: string; background_color?: string };
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: { command: string; should_escape?: boolean; usage_hint?: string }[];
    shortcuts?: { type: string; callback_id: string; name: string }[];
  };
  oauth_config: { scopes: { bot?: string[] } };
  settings: {
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
    org_deploy_enabled?: boolean;
    interactivity?: { is_enabled: boolean };
    event_subscriptions?: { bot_events?: string[] };
  };
}

const manifestText = readFileSync(resolve(repoRoot, 'manifest.yml'), 'utf8');
const manifest = parse(manifestText) as Manifest;

describe('manifest.yml', () => {
  it.skipIf(!hasSchema)(
    hasSchema
      ? "validates against Slack's manifest schema 1.0.0"
      : `validates against Slack's manifest schema 1.0.0 — SKIPPED: ${schemaPath} not found (clone without shared/)`,
    () => {
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
      // strict: false because Slack's schema uses a non-standard `regex` keyword (checked by hand below);
      // `uri` is only used for the optional top-level $schema, so it needs no format library.
      const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: true } });
      const validate = ajv.compile(schema);
      const valid = validate(manifest);
      expect(valid, ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
    },
  );

  it('targets manifest major version 1', () => {
    expect(manifest._metadata?.major_version).toBe(1);
  });

  it('meets the display rules the schema states but ajv cannot check', () => {
    const info = manifest.display_information;
    expect(info.name).toBe('Debt Triage');
    // The schema's background_color uses `regex`, which is not JSON Schema, so ajv ignores it.
    expect(info.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(info.long_description?.length ?? 0).toBeGreaterThanOrEqual(175);
    expect(info.long_description?.length ?? 0).toBeLessThanOrEqual(4000);
  });

  it('registers /debt with escaped mentions', () => {
    const debt = manifest.features.slash_commands?.find((c) => c.command === '/debt');
    expect(debt).toBeDefined();
    expect(debt?.should_escape).toBe(true);
  });

  it('offers the "File as debt" message shortcut under its shipped callback id', () => {
    const shortcut = manifest.features.shortcuts?.find((s) => s.callback_id === 'debt_file_from_message');
    expect(shortcut).toMatchObject({ type: 'message', name: 'File as debt' });
  });

  it('enables the Home tab, the Messages tab and app_home_opened', () => {
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('runs in Socket Mode with interactivity on and token rotation off', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
  });

  it('asks for exactly the bot scopes the app uses, history included for the digest duplicate check', () => {
    const bot = manifest.oauth_config.scopes.bot ?? [];
    expect(bot).toContain('channels:history');
    expect(bot).toContain('groups:history');
    expect([...bot].sort()).toEqual(
      [
        'commands',
        'chat:write',
        'chat:write.public',
        'users:read',
        'channels:read',
        'groups:read',
        'channels:history',
        'channels:join',
        'groups:history',
        'im:write',
        'files:write',
      ].sort(),
    );
  });
});
