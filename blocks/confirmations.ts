// Short private answers confirming what a command or button did.
import { formatItemId, type Item, STATUS_LABELS } from '../src/domain/item.ts';
import { channelLink, type Message, mention } from './kit.ts';
import { buildNotice } from './notice.ts';

export const confirm = {
  assigned: (item: Item, ownerId: string): Message =>
    buildNotice(`${formatItemId(item.id)} is now owned by ${mention(ownerId)}.`),
  statusChanged: (item: Item): Message =>
    buildNotice(`${formatItemId(item.id)} is now *${STATUS_LABELS[item.status].toLowerCase()}*.`),
  resolvedFromCard: (item: Item): Message =>
    buildNotice(`${formatItemId(item.id)} is resolved. Thanks for paying it down!`),
  voting: (item: Item, closed: boolean): Message =>
    buildNotice(`Voting on ${formatItemId(item.id)} is ${closed ? 'closed' : 'open again'}.`),
  digestPosted: (): Message =>
    buildNotice("Posted this channel's digest. The weekly digest still comes as scheduled."),
  cardAlreadyPosted: (item: Item): Message =>
    buildNotice(`The card for ${formatItemId(item.id)} is already in ${channelLink(item.channelId)}.`),
  cardPosted: (item: Item): Message =>
    buildNotice(`Done: the card for ${formatItemId(item.id)} is now in ${channelLink(item.channelId)}.`),
  listOutOfDate: (): Message => buildNotice('This list is out of date. Run `/debt list` again.'),
  exportQueued: (all: boolean, channelId: string): Message =>
    buildNotice(
      `Your export of ${all ? 'every item you can see' : `the debt in ${channelLink(channelId)}`} is on its way: a CSV file in a direct message from me, usually within a minute.`,
    ),
};
