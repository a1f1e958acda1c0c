// Structured logs (SPEC §3.1, decision 0018): one JSON object per line whatever the input, secrets redacted,
// Slack error codes and causes kept, and one request id from a request into the jobs it queues.
import { describe, expect, it } from 'vitest';
import { CardRefreshPayloadSchema } from '../jobs/contracts.ts';
import { boltLogger } from '../src/app.ts';
import { createLogger, MAX_STRING, REDACTED } from '../src/lib/logger.ts';
import { withRequestId } from '../src/lib/request-context.ts';
import { TEAM, useHarness } from './support/harness.ts';

type Line = Record<string, unknown> & { level: string; msg: string; requestId?: string };

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const raw: string[] = [];
  const logger = createLogger(level, {}, (line) => raw.push(line));
  const lines = () =>
    raw.map((l) => {
      // One line, one JSON object: a line break of any kind inside would split it for a log shipper.
      expect(l).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
      return JSON.parse(l) as Line;
    });
  return { logger, raw, lines };
}

/** The error a WebClient throws when Slack answers `ok: false` (@slack/web-api's WebAPIPlatformError). */
function platformError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: 'slack_webapi_platform_error',
    data: {
      ok: false,
      error: code,
      response_metadata: { scopes: ['chat:write'], acceptedScopes: ['users:read'] },
    },
  });
}

describe('createLogger', () => {
  it('writes time, level name, fields and msg as one JSON object per line, honouring the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('left out');
    logger.info('kept', { itemId: 42 });
    logger.child({ teamId: 'T1' }).warn('from a child', { n: 1 });
    const [kept, child] = lines();
    expect(lines()).toHaveLength(2);
    expect(kept).toMatchObject({ level: 'info', msg: 'kept', itemId: 42 });
    expect(Date.parse(String(kept?.time))).not.toBeNaN();
    expect(child).toMatchObject({ level: 'warn', msg: 'from a child', teamId: 'T1', n: 1 });
  });

  it('redacts tokens, secrets and signatures by key and Slack tokens anywhere in a string', () => {
    const { logger, raw, lines } = capture();
    logger.info('starting with xoxb-111-222-abcDEF and xapp-1-A0-999', {
      token: 'anything',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      signingSecret: 's3cr3t',
      headers: { Authorization: 'Bearer xoxb-9-9', 'x-slack-signature': 'v0=abc', 'content-type': 'json' },
      note: 'user pasted xoxp-123-456-789-abcdef and a refresh token xoxe-1-2',
      list: ['xoxs-1-2', 'fine'],
    });
    const [line] = lines();
    expect(raw.join('\n')).not.toMatch(/xox[abeoprs]-|xapp-|s3cr3t|v0=abc/);
    expect(line).toMatchObject({
      msg: `starting with ${REDACTED} and ${REDACTED}`,
      token: REDACTED,
      botToken: REDACTED,
      appToken: REDACTED,
      signingSecret: REDACTED,
      headers: { Authorization: REDACTED, 'x-slack-signature': REDACTED, 'content-type': 'json' },
      list: [REDACTED, 'fine'],
    });
  });

  it('keeps a Slack error’s code, data and cause chain, and redacts a token inside it', () => {
    const { logger, raw, lines } = capture();
    const request = Object.assign(new Error('request failed'), {
      code: 'ECONNRESET',
      config: { headers: { Authorization: 'Bearer xoxb-1-2-3' } },
    });
    const error = new Error('digest lost', {
      cause: Object.assign(platformError('invalid_auth'), { cause: request }),
    });
    logger.error('failed', { error, plainCause: new Error('outer', { cause: 'just a string' }) });
    const [line] = lines();
    const logged = line?.error as Record<string, Record<string, Record<string, unknown>>>;
    expect(logged).toMatchObject({ type: 'Error', message: 'digest lost' });
    expect(logged.cause).toMatchObject({
      code: 'slack_webapi_platform_error',
      message: 'An API error occurred: invalid_auth',
      data: { error: 'invalid_auth', response_metadata: { acceptedScopes: ['users:read'] } },
      cause: { code: 'ECONNRESET', config: { headers: { Authorization: REDACTED } } },
    });
    expect(String(logged.stack)).toContain('digest lost');
    expect(line?.plainCause).toMatchObject({ message: 'outer', cause: 'just a string' });
    expect(raw.join('')).not.toContain('xoxb-1-2-3');
  });

  it('never throws on circular, deep, odd or hostile values', () => {
    const { logger, lines } = capture();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const selfCaused = new Error('caused by itself');
    (selfCaused as { cause?: unknown }).cause = selfCaused;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 50; i++) deep = deep.next = {};
    const hostile = {
      get boom(): never {
        throw new Error('getter throws');
      },
    };
    expect(() =>
      logger.info('odd values', {
        circular,
        selfCaused,
        root,
        hostile,
        big: 10n,
        fn: () => 1,
        sym: Symbol('s'),
        date: new Date(0),
        bad: new Date('nope'),
        buffer: Buffer.from('abc'),
        map: new Map([['k', 1]]),
        set: new Set([1, 2]),
        nan: Number.NaN,
      }),
    ).not.toThrow();
    const [line] = lines();
    expect(line).toMatchObject({
      circular: { name: 'loop', self: '[circular]' },
      big: '10',
      date: '1970-01-01T00:00:00.000Z',
      bad: 'Invalid Date',
      buffer: '[Buffer 3 bytes]',
      map: { k: 1 },
      set: [1, 2],
      hostile: { boom: '[unreadable]' },
    });
    expect(JSON.stringify(line?.root)).toContain('[too deep]');
  });

  it('keeps one line whatever the text: newlines, control characters, line separators, 100 KB', () => {
    const { logger, raw, lines } = capture();
    const nasty = 'title\nwith "quotes"\r\n\u0000\u0007\u001b[31m\u0085\u2028\u2029 and \\ backslash';
    logger.warn(nasty, { title: nasty, huge: 'x'.repeat(100_000), [nasty]: 'key too' });
    expect(raw).toHaveLength(1);
    const [line] = lines();
    expect(line?.msg).toBe(nasty);
    expect(line?.title).toBe(nasty);
    expect(line?.[nasty]).toBe('key too');
    const huge = String(line?.huge);
    expect(huge.length).toBeLessThan(MAX_STRING + 100);
    expect(huge).toMatch(/…\[truncated 90000 chars\]$/);
    expect(raw[0]?.length).toBeLessThan(12_000);
  });

  it('adds the request id of the request being served to every line, children included', async () => {
    const { logger, lines } = capture();
    await withRequestId('abc123', async () => {
      logger.info('one');
      await new Promise((r) => setTimeout(r, 1));
      logger.child({ job: 'x' }).info('two');
    });
    logger.info('outside');
    expect(lines().map((l) => [l.msg, l.requestId])).toEqual([
      ['one', 'abc123'],
      ['two', 'abc123'],
      ['outside', undefined],
    ]);
  });

  it('routes Bolt’s lines into it with their errors and details kept', () => {
    const { logger, lines } = capture();
    const bolt = boltLogger(logger, 'warn' as Parameters<typeof boltLogger>[1]);
    bolt.error('Slack API error:', platformError('missing_scope'), { extra: 'xoxb-5-5' });
    expect(lines()[0]).toMatchObject({
      level: 'error',
      msg: 'Slack API error:',
      source: 'bolt',
      error: { data: { error: 'missing_scope' } },
      details: [{ extra: REDACTED }],
    });
  });
});

describe('the request id in a card refresh payload', () => {
  it('is optional: payloads from before it still parse, and a malformed one is dropped, not fatal', () => {
    const old = { v: 1, teamId: 'T0FAKE', itemId: 7, target: 'panel' };
    expect(CardRefreshPayloadSchema.parse(old)).toEqual({ ...old, requestId: undefined });
    expect(CardRefreshPayloadSchema.parse({ ...old, requestId: '0123456789abcdef' }).requestId).toBe(
      '0123456789abcdef',
    );
    expect(
      CardRefreshPayloadSchema.parse({ ...old, requestId: 'bad id\n{"x":1}' }).requestId,
    ).toBeUndefined();
  });
});

describe('logs of a running app', () => {
  const h = useHarness({ logLevel: 'debug' });
  const parsed = () => h.log.map((l) => JSON.parse(l) as Line);

  it('logs a failing Slack call with its error code and without the token', async () => {
    h.fake.failNext('users.info', { error: 'user_not_visible' });
    const opens = h.fake.callsTo('views.open').length;
    await h.command('config', { userId: 'U0LOGCFG', channelId: 'C0LOGCFG' });
    // The settings modal still opens (with DEFAULT_TIMEZONE); waited for, so the next test's modal is its own.
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const line = await h.fake.waitFor(() =>
      parsed().find((l) => l.msg === 'users.info failed; using DEFAULT_TIMEZONE'),
    );
    expect(line).toMatchObject({
      level: 'warn',
      error: { code: 'slack_webapi_platform_error', data: { ok: false, error: 'user_not_visible' } },
    });
    expect(line.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(h.log.join('\n')).not.toContain('xoxb-test');
  });

  it('gives a request’s lines one id, and the card refresh it queued logs the same id', async () => {
    const id = await h.file({ title: 'Labels drift between train and serve', channelId: 'C0LOGREQ' });
    // The filing's lines (its ack, the digest switched on, its end) share the submission's id.
    const filing = parsed().find(
      (l) => l.msg === 'digest switched on with the first item' && l.channelId === 'C0LOGREQ',
    );
    expect(filing?.requestId).toBeDefined();
    const filingLines = parsed().filter((l) => l.requestId === filing?.requestId);
    expect(filingLines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'request acknowledged',
        'digest switched on with the first item',
        'request finished',
      ]),
    );
    expect(filingLines.filter((l) => l.msg === 'request acknowledged')).toEqual([
      expect.objectContaining({ kind: 'view_submission' }),
    ]);

    // Refreshes are coalesced per 2-second slot: vote in a slot of its own, so its refresh is its own job.
    await new Promise((r) => setTimeout(r, 2100));
    const mark = h.log.length;
    const { response } = await h.click('debt_vote:frequency:3', String(id), {
      userId: 'U0LOGVOTER',
      blockId: 'debt_vote_frequency',
    });
    expect(response.status).toBe(200);
    const refreshed = await h.fake.waitFor(() => {
      const done = parsed()
        .slice(mark)
        .filter((l) => l.msg === 'message refresh done' && l.itemId === id);
      return done.length >= 2 && done;
    }, 8000);
    const voteAck = parsed()
      .slice(mark)
      .find((l) => l.msg === 'request acknowledged' && l.kind === 'block_actions');
    expect(voteAck?.requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(voteAck?.requestId).not.toBe(filing?.requestId);
    // The card and the panel refresh, each logged by the worker under the vote's id.
    expect(refreshed.map((l) => [l.target, l.requestId]).sort()).toEqual([
      ['card', voteAck?.requestId],
      ['panel', voteAck?.requestId],
    ]);
    // The use case's own line inside that job carries it too.
    expect(
      parsed().some(
        (l) => l.msg === 'refreshing message' && l.itemId === id && l.requestId === voteAck?.requestId,
      ),
    ).toBe(true);
    expect(await h.deps.items.require(TEAM, id)).toBeDefined();
  });
});
