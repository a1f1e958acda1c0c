// GET /sandbox/files/<id>: the bytes of what the app uploaded, so the page can show the stats chart and offer
// the CSV export; nothing else is served from there.
import { describe, expect, it } from 'vitest';
import { ANA, blocksOf, CHANNELS, useSandbox } from './server-harness.ts';

const sandbox = useSandbox('server-files');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('files the app uploaded', () => {
  it('serves the trend chart of `/debt stats` as a PNG', async () => {
    const client = sandbox();
    expect(
      await client.ask('command', { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt stats' }),
    ).toEqual({
      ok: true,
    });
    // The answer comes by response_url after the chart is rendered and uploaded, with the chart as an image block.
    const fileId = await client.until(
      ANA,
      (s) =>
        (s.messages[CHANNELS.mlPlatform] ?? [])
          .filter((m) => m.ephemeral && m.text.startsWith('Debt stats'))
          .flatMap((m) => blocksOf(m))
          .find((b) => b.type === 'image')?.slack_file?.id,
    );
    const chart = await client.get(`/sandbox/files/${fileId}`);
    expect(chart.status).toBe(200);
    expect(chart.type).toBe('image/png');
    expect(chart.body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(chart.body.length).toBeGreaterThan(1000);
  });

  it('serves the CSV of `/debt export`, shared in the person’s DM with the app', async () => {
    const client = sandbox();
    expect(
      await client.ask('command', { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt export' }),
    ).toEqual({
      ok: true,
    });
    // A worker builds the export and shares it by DM: it is listed on that message with its URL.
    const file = await client.until(ANA, (s) => (s.messages[`D${ANA}`] ?? []).flatMap((m) => m.files).at(0));
    expect(file).toMatchObject({ isImage: false, url: `/sandbox/files/${file.id}` });
    const csv = await client.get(file.url);
    expect([csv.status, csv.type]).toEqual([200, 'text/csv']);
    const [header, ...rows] = csv.body.toString('utf8').trim().split('\n');
    expect(header).toMatch(/title/i);
    expect(rows.length).toBeGreaterThan(10);
  });

  it('answers 404 for an id it never handed out', async () => {
    const missing = await sandbox().get('/sandbox/files/F0000009999');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString('utf8'))).toEqual({ ok: false, error: 'file_not_found' });
  });
});
