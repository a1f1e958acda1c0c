// The export's rows (SPEC §2.10): formula cells neutralised, RFC 4180 quoting that survives a round trip, every
// column filled or empty on purpose.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import {
  CSV_FORMAT,
  EXPORT_HEADER,
  exportRow,
  formatNumber,
  neutralise,
  painHoursInWindow,
} from '../../src/domain/export-columns.ts';
import { cardPermalink, type Item, ItemSchema } from '../../src/domain/item.ts';
import { type PainReport, scoreItem, type Vote } from '../../src/domain/scoring.ts';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const DAY = 86_400_000;
const WORKSPACE = 'https://acme.slack.com/';

function item(overrides: Partial<Item> = {}): Item {
  return ItemSchema.parse({
    v: 1,
    id: 42,
    teamId: 'T0ACME',
    channelId: 'C0ML',
    channelVisibility: 'public',
    title: 'Eval set leaks into training',
    category: 'data',
    reporterId: 'U0ALICE',
    status: 'open',
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-02T09:00:00.000Z',
    card: { ts: '1769936400.123456' },
    panelTs: '1769936401.000100',
    ...overrides,
  });
}

const VOTES: Vote[] = [
  { userId: 'U0ALICE', dimension: 'severity', level: 3 },
  { userId: 'U0ALICE', dimension: 'frequency', level: 4 },
  { userId: 'U0BOB', dimension: 'severity', level: 4 },
  { userId: 'U0BOB', dimension: 'frequency', level: 3 },
];

const report = (userId: string, hours: number, daysAgo: number): PainReport => ({
  userId,
  hours,
  at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
});

/** One row as an object keyed by header, as a reader of the file sees it. */
function rowOf(it: Item, votes: Vote[] = VOTES, pain: PainReport[] = []): Record<string, string> {
  const score = scoreItem(votes, pain, 2, NOW);
  const cells = exportRow({ item: it, score, pain, workspaceUrl: WORKSPACE, now: NOW });
  return Object.fromEntries(EXPORT_HEADER.map((h, i) => [h, cells[i] ?? '<missing>']));
}

/** Writes rows as the export does and reads them back as csv-parse does (BOM handled). */
function roundTrip(rows: string[][]): Record<string, string>[] {
  const csv = stringify(rows, { header: true, columns: [...EXPORT_HEADER], ...CSV_FORMAT });
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[];
}

describe('export columns', () => {
  it('has every §1.1 field, the scores, pain and the permalink, one cell per column', () => {
    expect(EXPORT_HEADER).toEqual(
      expect.arrayContaining([
        'id',
        'team_id',
        'channel_id',
        'title',
        'description',
        'category',
        'category_label',
        'component',
        'links',
        'reporter_id',
        'owner_id',
        'status',
        'voting_closed',
        'created_at_utc',
        'updated_at_utc',
        'resolved_at_utc',
        'resolved_by',
        'resolved_interest_hours_per_week',
        'card_ts',
        'panel_ts',
        'interest_hours_per_week',
        'interest_source',
        'effort_hours',
        'effort_known',
        'payback_weeks',
        'priority',
        'confidence',
        'voters',
        'ranked',
        'pain_hours_28d',
        'card_permalink',
      ]),
    );
    expect(new Set(EXPORT_HEADER).size).toBe(EXPORT_HEADER.length);
    const row = rowOf(item({ links: ['https://a.example/1', 'https://b.example/2'], ownerId: 'U0BOB' }));
    expect(row).toMatchObject({
      id: 'DEBT-42',
      team_id: 'T0ACME',
      category: 'data',
      category_label: 'Data & features',
      links: 'https://a.example/1 https://b.example/2',
      owner_id: 'U0BOB',
      voting_closed: 'false',
      created_at_utc: '2026-02-01T09:00:00.000Z',
      resolved_at_utc: '',
      resolved_by: '',
      card_ts: '1769936400.123456',
      panel_ts: '1769936401.000100',
      // Severity median (4+16)/2 = 10 h, frequency median (5+1)/2 = 3 /wk: 30 h/week; effort 24 h by default.
      interest_hours_per_week: '30',
      interest_source: 'voted',
      effort_hours: '24',
      effort_known: 'false',
      payback_weeks: '0.8',
      priority: '1.25',
      voters: '2',
      ranked: 'true',
      card_permalink: 'https://acme.slack.com/archives/C0ML/p1769936400123456',
    });
    expect(Object.values(row)).not.toContain('<missing>');
  });

  it('leaves a cell empty for a figure that does not exist, never 0', () => {
    const row = rowOf(item({ card: null, panelTs: null }), []);
    expect(row).toMatchObject({
      interest_hours_per_week: '',
      interest_source: '',
      payback_weeks: '',
      priority: '',
      severity_hours: '',
      card_ts: '',
      panel_ts: '',
      card_permalink: '',
      pain_hours_28d: '0',
    });
    expect(cardPermalink(item({ card: { ts: '1.2', orphaned: true } }), WORKSPACE)).toBeNull();
    expect(cardPermalink(item(), null)).toBeNull();
  });

  it('rounds to two decimals (priority to four), without exponents', () => {
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(0.0125 / 120, 4)).toBe('0.0001');
    expect(formatNumber(1e-9)).toBe('0');
    expect(formatNumber(9600)).toBe('9600');
    expect(formatNumber(null)).toBeNull();
  });

  it('sums pain hours of the last 28 days only, and says when interest is measured', () => {
    const pain = [
      report('U0ALICE', 2, 1),
      report('U0BOB', 3.5, 10),
      report('U0CAROL', 1, 27),
      report('U0BOB', 8, 29),
    ];
    expect(painHoursInWindow(pain, NOW)).toBe(6.5);
    const row = rowOf(item(), VOTES, pain);
    expect(row).toMatchObject({
      pain_hours_28d: '6.5',
      interest_source: 'measured',
      interest_hours_per_week: '1.63',
    });
  });

  it('neutralises every formula prefix in text cells, and only there', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const title = `${start}HYPERLINK("http://evil.example","click")`;
      const row = rowOf(item({ title, component: `${start}x`, description: `${start}1+1` }));
      expect(row.title).toBe(`'${title}`);
      expect(row.component).toBe(`'${start}x`);
      expect(row.description).toBe(`'${start}1+1`);
      // The file as a spreadsheet reads it: still starting with the quote after CSV quoting.
      expect(
        roundTrip([
          exportRow({
            item: item({ title }),
            score: scoreItem([], [], 2, NOW),
            pain: [],
            workspaceUrl: null,
            now: NOW,
          }),
        ])[0]?.title,
      ).toBe(`'${title}`);
    }
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise('DEBT-1')).toBe('DEBT-1');
    // Numbers and instants are never text-quoted; none of them can start with a formula character.
    const row = rowOf(item(), VOTES, [report('U0ALICE', 1, 1)]);
    for (const key of ['interest_hours_per_week', 'priority', 'voters', 'created_at_utc', 'pain_hours_28d'])
      expect(row[key]).toMatch(/^\d/);
  });

  it('survives quotes, commas, line breaks and emoji through RFC 4180 quoting', () => {
    const titles = [
      'Feature store "v2", again',
      'Line one\nline two',
      'Windows\r\nline',
      'Bare CR\rinside',
      '🔥 Training data 🐛 drift — naïve café',
      ',leading comma',
      '"quoted"',
    ];
    const rows = titles.map((title, i) =>
      exportRow({
        item: item({ id: i + 1, title }),
        score: scoreItem([], [], 2, NOW),
        pain: [],
        workspaceUrl: null,
        now: NOW,
      }),
    );
    const csv = stringify(rows, { header: true, columns: [...EXPORT_HEADER], ...CSV_FORMAT });
    expect(csv.startsWith('\uFEFFid,team_id,')).toBe(true);
    // Every record ends with CRLF; a line break inside a field is always quoted.
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Line one\nline two"');
    expect(csv).toContain('"Bare CR\rinside"');
    const back = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(back.map((r) => r.title)).toEqual(titles);
    expect(back.map((r) => r.id)).toEqual(titles.map((_, i) => `DEBT-${i + 1}`));
  });
});
