// `/debt config`: the channel settings modal (SPEC §1.7). The time zone is searched as the user types.
import type { ChannelSettings } from '../src/domain/settings.ts';
import { WEEKDAYS } from '../src/domain/settings.ts';
import { CALLBACK, FIELD } from './ids.ts';
import { input, type ModalView, modal, select } from './inputs.ts';
import { type Block, channelLink, context, option, plain } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface SettingsModalModel {
  channelId: string;
  settings: ChannelSettings;
  /** The zone to preselect: the stored one, else the user's Slack zone, else DEFAULT_TIMEZONE. */
  timezone: string;
  privateMetadata: string;
}

const numbers = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => option(String(from + i), String(from + i)));

export function buildSettingsModal(model: SettingsModalModel): ModalView {
  const { settings } = model;
  const onOff = [option('On: post the weekly digest', 'on'), option('Off', 'off')];
  const blocks: Block[] = [
    context([
      `Settings for ${channelLink(model.channelId)}: its weekly digest, its debt budget and who may change them.`,
    ]),
    input(FIELD.digestEnabled, 'Weekly digest', {
      type: 'radio_buttons',
      options: onOff,
      initial_option: settings.digestEnabled ? onOff[0] : onOff[1],
    }),
    input(
      FIELD.weekday,
      'Day',
      select(
        WEEKDAYS.map((d, i) => option(d, String(i + 1))),
        { initial: String(settings.weekday), orFirst: true },
      ),
    ),
    input(FIELD.time, 'Time', { type: 'timepicker', initial_time: settings.time }),
    input(
      FIELD.timezone,
      'Time zone',
      {
        type: 'external_select',
        min_query_length: 1,
        placeholder: plain('Type a city, e.g. Berlin', SLACK_LIMITS.placeholder),
        initial_option: option(model.timezone, model.timezone),
      },
      { hint: 'Any IANA time zone; the digest follows its daylight-saving changes.' },
    ),
    input(
      FIELD.topN,
      'Items in "Next up"',
      select(numbers(1, 10), { initial: String(settings.topN), orFirst: true }),
    ),
    input(
      FIELD.capacity,
      'Team capacity (hours per week)',
      {
        type: 'plain_text_input',
        max_length: 6,
        ...(settings.capacityHours !== null ? { initial_value: String(settings.capacityHours) } : {}),
      },
      { optional: true, hint: 'Leave empty for no budget section in the digest.' },
    ),
    input(
      FIELD.budgetPercent,
      'Debt budget (% of capacity)',
      { type: 'plain_text_input', max_length: 3, initial_value: String(settings.budgetPercent) },
      { hint: 'The share of the team’s week spent paying down debt.' },
    ),
    input(
      FIELD.quorum,
      'Quorum (voters before an item is ranked)',
      select(numbers(1, 10), { initial: String(settings.quorum), orFirst: true }),
    ),
    input(
      FIELD.stewards,
      'Stewards',
      {
        type: 'multi_users_select',
        max_selected_items: 50,
        ...(settings.stewards.length > 0 ? { initial_users: settings.stewards } : {}),
      },
      {
        optional: true,
        hint: 'They (and workspace admins) may change these settings and manage every item here.',
      },
    ),
  ];
  return modal(
    CALLBACK.settingsModal,
    { title: 'Debt settings', submit: 'Save' },
    model.privateMetadata,
    blocks,
  );
}
