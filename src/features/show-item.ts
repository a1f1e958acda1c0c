// `/debt show`: everything about one item the user may see, with its history and a link to its card.
import type { ItemDetailModel } from '../../blocks/item-detail.ts';
import type { Deps } from '../deps.ts';
import { notFound } from '../domain/errors.ts';
import { formatItemId } from '../domain/item.ts';
import type { Actor } from './actor.ts';
import { findVisibleItem, type ItemDeps } from './manage-item.ts';
import { permalink } from './workspace-links.ts';

export async function loadItemDetail(
  deps: ItemDeps & Pick<Deps, 'logger'>,
  actor: Actor,
  id: number,
): Promise<ItemDetailModel> {
  const item = await findVisibleItem(deps, actor, id);
  const [scored] = await deps.scores.score(actor.teamId, [item]);
  if (!scored) throw notFound(formatItemId(id));
  const history = await deps.items.history(actor.teamId, id);
  const link =
    item.card && !item.card.orphaned
      ? await permalink(actor.client, deps.logger, item.channelId, item.card.ts)
      : null;
  return { ...scored, history, permalink: link, now: deps.clock.now() };
}
