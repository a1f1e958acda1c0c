// SPEC §3.2 workspace identity: whoever acts (a member, a Slack Connect guest from another organisation, an
// Enterprise Grid user, an org-level payload), items, votes and settings land in the installing workspace.
import { describe, expect, it } from 'vitest';
import { CONNECT_GUEST, GRID_USER, ORG_LEVEL } from '../../src/sandbox/payload-identities.ts';
import { globEscape } from '../../src/store/keys.ts';
import { TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('workspace identity', () => {
  const h = useHarness();

  /** Every key the app wrote under a workspace, by its id (keys are `<prefix>:t:{<team>}:…`). */
  async function keysOf(teamId: string): Promise<string[]> {
    return h.deps.redis.keys(`${globEscape(h.deps.keys.teamHead(teamId))}*`);
  }

  it('files a Slack Connect guest’s item, settings and votes under the installing workspace', async () => {
    const id = await h.file({ title: 'Partner feed drops nulls', as: CONNECT_GUEST, severity: '3' });
    const item = await h.deps.items.require(TEAM, id);
    expect(item.reporterId).toBe(CONNECT_GUEST.userId);
    expect(await h.deps.settings.find(TEAM, 'C0TEAM')).not.toBeNull();
    expect(await keysOf('T0PARTNER')).toEqual([]);

    // The guest's vote on the card's panel counts on the installing workspace's item.
    const { responseUrl } = await h.click('debt_vote:frequency:4', String(id), { as: CONNECT_GUEST });
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('You voted');
    const votes = (await h.deps.votes.forItems(TEAM, [id])).get(id) ?? [];
    expect(votes).toContainEqual({ userId: CONNECT_GUEST.userId, dimension: 'frequency', level: 4 });
    expect(await keysOf('T0PARTNER')).toEqual([]);
  });

  it('a Connect guest’s buttons act on the item they show, not on the guest organisation’s item of that number', async () => {
    const mine = await h.file({ title: 'Installer item' });
    const { responseUrl } = await h.click('debt_vote:severity:5', String(mine), { as: CONNECT_GUEST });
    await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect((await h.deps.votes.forItems(TEAM, [mine])).get(mine)).toContainEqual({
      userId: CONNECT_GUEST.userId,
      dimension: 'severity',
      level: 5,
    });
    const shown = json(await (await h.command(`show DEBT-${mine}`, { as: CONNECT_GUEST })).reply());
    expect(shown).toContain('Installer item');
  });

  it('handles Enterprise Grid payloads: W user ids, E ids in user.team_id, enterprise set', async () => {
    const id = await h.file({ title: 'Grid-wide schema drift', as: GRID_USER, effort: '2' });
    expect((await h.deps.items.require(TEAM, id)).reporterId).toBe('W0GRIDUSER');
    const { responseUrl } = await h.click('debt_vote:severity:2', String(id), { as: GRID_USER });
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('You voted');
    const listed = json(await (await h.command('list', { as: GRID_USER })).reply());
    expect(listed).toContain('Grid-wide schema drift');
    expect(await keysOf('E0GRIDORG')).toEqual([]);
  });

  it('handles an org-level payload whose team is null', async () => {
    const id = await h.file({ title: 'Org-level click target' });
    const { response, responseUrl } = await h.click('debt_vote:effort:3', String(id), { as: ORG_LEVEL });
    expect(response.status).toBe(200);
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('You voted');
    expect((await h.deps.votes.forItems(TEAM, [id])).get(id)).toContainEqual({
      userId: ORG_LEVEL.userId,
      dimension: 'effort',
      level: 3,
    });
  });

  it('refuses a form submitted for another installation of the app, saving nothing', async () => {
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const before = (await h.deps.items.listTeam(TEAM)).length;
    const res = await h.submit(
      h.openedView(),
      { title: 'Misrouted form', category: 'ops', channel: 'C0TEAM' },
      { installedTeamId: 'T0ELSEWHERE' },
    );
    expect(res.status).toBe(200);
    expect(await h.deps.items.listTeam(TEAM)).toHaveLength(before);
    expect(await keysOf('T0ELSEWHERE')).toEqual([]);
    expect(h.log.join('\n')).toContain('T0ELSEWHERE');
  });
});
