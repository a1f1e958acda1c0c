// Next/Previous on an ephemeral list: redraws the same list at another page in place.
import { confirm } from '../../../blocks/confirmations.ts';
import { buildItemList } from '../../../blocks/item-list.ts';
import type { Deps } from '../../deps.ts';
import { decodeListState } from '../../domain/list-query.ts';
import { loadListPage } from '../../features/list-items.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, replacingReply } from './context.ts';

export function handleListPage(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    const replace = replacingReply(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const [pageText = '', state = ''] = (args.action.value ?? '').split(/\|(.*)/s);
      const decoded = decodeListState(state);
      const page = Number(pageText);
      if (!decoded || !Number.isInteger(page)) {
        await replace(confirm.listOutOfDate());
        return;
      }
      const query = { ...decoded, teamId: ctx.teamId, userId: ctx.userId };
      await replace(buildItemList(await loadListPage(deps, query, page, ctx.client)));
    });
  };
}
