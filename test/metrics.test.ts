// GET /metrics (SPEC §3.1, decision 0018): what the series count, through the real receiver and workers, and
// that no label ever carries user text, a person's or workspace's id, or a token.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { mergeExposition, methodLabel, outcomeLabel, requestKind } from '../src/lib/metrics.ts';
import { configureChannel, enqueueDigestSlot } from './support/digest-jobs.ts';
import { TEAM, useHarness } from './support/harness.ts';

/** One sample's value from a Prometheus text, by its exact name and label set (labels in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (
      Object.keys(got).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => got[k] === v)
    )
      return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  const h = useHarness();
  const scrape = async () => {
    const res = await fetch(`${h.origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('counts a vote, times its ack under its kind, and counts the Slack calls it caused', async () => {
    const id = await h.file({ title: 'Feature store backfill is manual' });
    const before = await scrape();
    expect(sample(before, 'debt_triage_items_filed_total')).toBe(1);
    expect(sample(before, 'debt_triage_votes_total', { dimension: 'severity', change: 'set' })).toBe(0);

    const { response } = await h.click('debt_vote:severity:4', String(id), {
      userId: 'U0VOTER',
      blockId: 'debt_vote_severity',
    });
    expect(response.status).toBe(200);
    await h.fake.waitFor(async () =>
      sample(await scrape(), 'debt_triage_votes_total', { dimension: 'severity', change: 'set' }),
    );
    const after = await scrape();
    expect(sample(after, 'debt_triage_votes_total', { dimension: 'severity', change: 'set' })).toBe(1);
    // The filing's command and submission, then the click: each timed under its own kind.
    for (const kind of ['command', 'view_submission', 'block_actions'])
      expect(sample(after, 'debt_triage_ack_duration_seconds_count', { kind })).toBeGreaterThanOrEqual(1);
    expect(after).toContain('# TYPE debt_triage_ack_duration_seconds histogram');
    expect(
      sample(after, 'debt_triage_ack_duration_seconds_bucket', { kind: 'block_actions', le: '+Inf' }),
    ).toBeGreaterThanOrEqual(1);
    // The card and the panel went out through chat.postMessage; the modal through views.open.
    expect(
      sample(after, 'debt_triage_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(after, 'debt_triage_slack_api_calls_total', { method: 'views.open', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    // The queues, from BullMQ's own export: one HELP and TYPE per family, whatever the number of queues.
    expect(sample(after, 'bullmq_job_count', { queue: 'cards', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'bullmq_job_completed_total', { queue: 'digests' })).toBeGreaterThanOrEqual(0);
    expect(after.match(/^# TYPE bullmq_job_count /gm)).toHaveLength(1);
    // Default process metrics are there too.
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a Slack error by its code, a 429 as ratelimited, and an unknown code without its text', async () => {
    h.fake.failNext('users.info', { error: 'user_not_found' });
    h.fake.failNext('users.info', { status: 429, retryAfter: 1 });
    h.fake.failNext('users.info', { error: 'weird_U0ALICE_said_hello' });
    // Three slash commands that each look the user up (the timezone of `/debt config`).
    const opens = h.fake.callsTo('views.open').length;
    for (let i = 0; i < 3; i++) await h.command('config', { userId: `U0CFG${i}`, channelId: 'C0METRICS' });
    // Each settings modal still opens; waited for, so the next test's filing modal is its own.
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length >= opens + 3);
    const text = await h.fake.waitFor(async () => {
      const t = await scrape();
      return (
        sample(t, 'debt_triage_slack_api_calls_total', { method: 'users.info', outcome: 'unknown_error' }) &&
        t
      );
    });
    expect(
      sample(text, 'debt_triage_slack_api_calls_total', { method: 'users.info', outcome: 'user_not_found' }),
    ).toBe(1);
    expect(
      sample(text, 'debt_triage_slack_api_calls_total', { method: 'users.info', outcome: 'ratelimited' }),
    ).toBe(1);
    expect(text).not.toContain('weird');
  });

  it('never shows user text, people’s, channels’ or workspaces’ ids, or tokens, even for a token-like title', async () => {
    const title = 'Leaked xoxb-1234-5678-SECRETSECRET in notebook "quote" {brace} ümlaut';
    await h.file({ title, userId: 'U0SECRETUSER', channelId: 'C0SECRETCHAN' });
    await h.command(`show ${title}`, { userId: 'U0SECRETUSER', channelId: 'C0SECRETCHAN' });
    const text = await scrape();
    for (const forbidden of [
      'xoxb',
      'xapp',
      'SECRET',
      'U0SECRETUSER',
      'C0SECRETCHAN',
      TEAM,
      'notebook',
      'ümlaut',
    ])
      expect(text).not.toContain(forbidden);
    // Every label value of our series is drawn from a fixed list.
    const allowed = /^[a-z_.+0-9Inf]+$/i;
    for (const line of text.split('\n').filter((l) => l.startsWith('debt_triage_'))) {
      for (const [, value] of line.matchAll(/="([^"]*)"/g)) expect(value).toMatch(allowed);
    }
  });

  it('counts digests posted and failed', async () => {
    await configureChannel(h.deps, TEAM, 'C0MDIGOK');
    await configureChannel(h.deps, TEAM, 'C0MDIGGONE');
    h.fake.failNext('chat.postMessage', { error: 'is_archived' }, 1, (args) => args.channel === 'C0MDIGGONE');
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, 'C0MDIGOK', Date.now() - 60_000);
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, 'C0MDIGGONE', Date.now() - 60_000);
    const text = await h.fake.waitFor(async () => {
      const t = await scrape();
      const posted = sample(t, 'debt_triage_digests_total', { outcome: 'posted' }) ?? 0;
      const failed = sample(t, 'debt_triage_digests_total', { outcome: 'failed' }) ?? 0;
      return posted >= 1 && failed >= 1 && t;
    }, 10_000);
    expect(sample(text, 'debt_triage_digests_total', { outcome: 'posted' })).toBe(1);
    expect(sample(text, 'debt_triage_digests_total', { outcome: 'failed' })).toBe(1);
    expect(sample(text, 'debt_triage_digests_total', { outcome: 'skipped' })).toBe(0);
  });
});

describe('GET /metrics in Socket Mode', () => {
  const h = useHarness({ socketMode: true, workers: false });

  it('is served by the health server, with requests over the socket timed like HTTP ones', async () => {
    const { response } = await h.command('help');
    expect(response.status).toBe(200);
    const text = await h.fake.waitFor(async () => {
      const t = await (await fetch(`${h.origin}/metrics`)).text();
      return (sample(t, 'debt_triage_ack_duration_seconds_count', { kind: 'command' }) ?? 0) >= 1 && t;
    });
    expect(
      sample(text, 'debt_triage_slack_api_calls_total', { method: 'apps.connections.open', outcome: 'ok' }),
    ).toBe(1);
    // No workers in this process: no queue series.
    expect(text).not.toContain('bullmq_job_count');
    expect((await fetch(`${h.origin}/readyz`)).status).toBe(200);
  });

  it('shows whether Slack refused the token and all posting is paused', async () => {
    const paused = async () =>
      sample(await (await fetch(`${h.origin}/metrics`)).text(), 'debt_triage_posting_paused');
    expect(await paused()).toBe(0);
    await h.deps.digests.pause('token_revoked', new Date().toISOString());
    expect(await paused()).toBe(1);
    await h.deps.digests.resume();
    expect(await paused()).toBe(0);
  });
});

describe('metric labels', () => {
  it('names request kinds from the body, anything unknown as other', () => {
    expect(requestKind({ command: '/debt' })).toBe('command');
    expect(requestKind({ type: 'block_actions' })).toBe('block_actions');
    expect(requestKind({ type: 'message_action' })).toBe('shortcut');
    expect(requestKind({ type: 'event_callback' })).toBe('event');
    expect(requestKind({ type: 'U0ALICE typed this' })).toBe('other');
  });

  it('keeps methods and outcomes to known values', () => {
    expect(methodLabel('chat.postMessage')).toBe('chat.postMessage');
    expect(methodLabel('chat.postMessage?token=xoxb-1')).toBe('other');
    expect(outcomeLabel('channel_not_found')).toBe('channel_not_found');
    expect(outcomeLabel('ratelimited')).toBe('ratelimited');
    expect(outcomeLabel('xoxb-1-2-3')).toBe('unknown_error');
  });

  it('merges BullMQ’s per-queue texts into one family each', () => {
    const queue = (name: string) =>
      [
        '# HELP bullmq_job_count Number of jobs in the queue by state',
        '# TYPE bullmq_job_count gauge',
        `bullmq_job_count{queue="${name}", state="waiting"} 2`,
      ].join('\n');
    expect(mergeExposition([queue('cards'), queue('digests'), ''])).toBe(
      [
        '# HELP bullmq_job_count Number of jobs in the queue by state',
        '# TYPE bullmq_job_count gauge',
        'bullmq_job_count{queue="cards",state="waiting"} 2',
        'bullmq_job_count{queue="digests",state="waiting"} 2',
        '',
      ].join('\n'),
    );
  });
});

describe('METRICS_PORT', () => {
  const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'secret' };

  it('defaults to 9464', () => {
    expect(loadConfig(valid).metricsPort).toBe(9464);
    expect(loadConfig({ ...valid, METRICS_PORT: '9100' }).metricsPort).toBe(9100);
  });

  it.each(['metrics', '70000', '91.5', '-1'])('refuses %s with a message naming the variable', (value) => {
    try {
      loadConfig({ ...valid, METRICS_PORT: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('METRICS_PORT must be a port number (0–65535)');
    }
  });
});
