// Next/Previous on an ephemeral list: redraws the same list at another page in place.
import { buildNotice } from '../../../blocks/notice.ts';
import type { Deps } from '../../deps.ts';
import { buildListPage, decodeListState } from '../list-query.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, replacingReply } from './context.ts';

export function handleListPage(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    const replace = replacingReply(args);
    await answeringErrors(deps.logger, ctx.reply, async () => {
      const [pageText = '', state = ''] = (args.action.value ?? '').split(/\|(.*)/s);
      const decoded = decodeListState(state);
      const page = Number(pageText);
      if (!decoded || !Number.isInteger(page)) {
        await replace(buildNotice('This list is out of date. Run `/debt list` again.'));
        return;
      }
      await replace(await buildListPage(deps, { ...decoded, teamId: ctx.teamId, userId: ctx.userId }, page));
    });
  };
}
