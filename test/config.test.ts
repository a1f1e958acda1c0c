import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'secret' };

describe('loadConfig', () => {
  it('applies the defaults of SPEC §3', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      port: 3000,
      defaultTimezone: 'UTC',
      logLevel: 'info',
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'debt' },
      slack: { apiUrl: 'https://slack.com/api/', socketMode: false },
    });
  });

  it('names every missing or malformed variable in one message pointing at the README', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DEFAULT_TIMEZONE: 'Mars/Olympus',
        REDIS_URL: 'http://x',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of [
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'PORT',
        'LOG_LEVEL',
        'DEFAULT_TIMEZONE',
        'REDIS_URL',
      ])
        expect(message).toContain(name);
      expect(message).toContain('README');
      expect(message).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('switches to Socket Mode with an app token, where no signing secret is needed', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack.socketMode).toBe(true);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', SLACK_APP_TOKEN: ' ' })).toMatchObject({
      port: 3000,
      slack: { socketMode: false },
    });
  });

  it('adds a trailing slash to SLACK_API_URL', () => {
    expect(loadConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });
});
