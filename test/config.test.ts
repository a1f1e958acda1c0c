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
      redis: { url: 'redis://127.0.0.1:6379', clusterNodes: null, prefix: 'debt' },
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

  describe('REDIS_CLUSTER_NODES', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...valid, ...env });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };

    it('turns on cluster mode with the seed nodes listed, and no REDIS_URL default', () => {
      const config = loadConfig({
        ...valid,
        REDIS_CLUSTER_NODES: ' redis://10.0.0.1:6379, redis://10.0.0.2:6380 ,',
      });
      expect(config.redis).toEqual({
        url: null,
        clusterNodes: ['redis://10.0.0.1:6379', 'redis://10.0.0.2:6380'],
        prefix: 'debt',
      });
    });

    it('refuses REDIS_URL beside it, non-Redis URLs, an empty list and nodes that disagree on access', () => {
      expect(problems({ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'redis://b:6379' })).toEqual([
        expect.stringMatching(/REDIS_URL and REDIS_CLUSTER_NODES are both set/),
      ]);
      expect(problems({ REDIS_CLUSTER_NODES: 'http://b:6379' })).toEqual([
        expect.stringMatching(/^REDIS_CLUSTER_NODES .*redis:\/\//),
      ]);
      expect(problems({ REDIS_CLUSTER_NODES: ' , ' })).toEqual([
        expect.stringMatching(/^REDIS_CLUSTER_NODES must list at least one node/),
      ]);
      expect(problems({ REDIS_CLUSTER_NODES: 'rediss://:pw@a:6379,redis://:pw@b:6379' })).toEqual([
        expect.stringMatching(/^REDIS_CLUSTER_NODES every node must use the same scheme/),
      ]);
      expect(problems({ REDIS_CLUSTER_NODES: 'redis://:one@a:6379,redis://:two@b:6379' })).toHaveLength(1);
      expect(problems({ REDIS_CLUSTER_NODES: 'rediss://u:pw@a:6379,rediss://u:pw@b:6379' })).toEqual([]);
      for (const node of ['redis://a:6379/2', 'redis://a:6379?family=6', 'redis://:p%zz@a:6379'])
        expect(problems({ REDIS_CLUSTER_NODES: node }), node).toEqual([
          expect.stringMatching(/^REDIS_CLUSTER_NODES must be/),
        ]);
      expect(problems({ REDIS_CLUSTER_NODES: 'redis://[::1]:7001,redis://[::1]:7002' })).toEqual([]);
    });

    it('keeps REDIS_URL as it was: a password with a comma still works on one Redis', () => {
      expect(loadConfig({ ...valid, REDIS_URL: 'redis://:a,b@10.0.0.1:6379' }).redis.url).toBe(
        'redis://:a,b@10.0.0.1:6379',
      );
    });
  });
});
