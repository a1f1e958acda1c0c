// Listener-level tests of modal submissions: every one answers through one error funnel, so a refusal keeps
// the modal open with the reason under a field, and nothing is saved twice or lost.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_SETTINGS } from '../../../src/domain/settings.ts';
import { handleHomeOpened } from '../../../src/slack/events/home.ts';
import type { ViewArgs } from '../../../src/slack/views/context.ts';
import { handleEditSubmission } from '../../../src/slack/views/edit-submission.ts';
import { handleSettingsSubmission } from '../../../src/slack/views/settings-submission.ts';
import type { ItemStore } from '../../../src/store/items.ts';
import type { SettingsStore } from '../../../src/store/settings.ts';
import { fakeDeps, PAYLOAD_ACTOR, recorder } from '../../support/fake-deps.ts';

/** A valid edit-modal state (block_id = action_id, as blocks/filing-modal.ts builds it). */
const EDIT_STATE = {
  title: { title: { type: 'plain_text_input', value: 'Feature store has no schema checks' } },
  description: { description: { type: 'plain_text_input', value: '' } },
  category: { category: { type: 'static_select', selected_option: { value: 'data' } } },
  component: { component: { type: 'plain_text_input', value: '' } },
  links: { links: { type: 'plain_text_input', value: '' } },
  owner: { owner: { type: 'users_select', selected_user: null } },
};

/** The parts of a view_submission payload these listeners read (Slack's view_submission reference). */
function viewArgs(callback: string, state: unknown, metadata: string, rec: ReturnType<typeof recorder>) {
  const args = {
    ack: rec.record('ack'),
    client: {},
    // Set by the app's authorize: the installing workspace (src/slack/installation.ts).
    context: { teamId: 'T0001' },
    body: {
      type: 'view_submission',
      ...PAYLOAD_ACTOR,
      view: { id: 'V0001', team_id: 'T0001', callback_id: callback },
    },
    view: {
      id: 'V0001',
      team_id: 'T0001',
      callback_id: callback,
      private_metadata: metadata,
      state: { values: state },
    },
  };
  // Bolt's full middleware args carry logger, context, next…, which these listeners never read.
  return args as unknown as ViewArgs;
}

const EDIT_META = JSON.stringify({ v: 1, itemId: 42, channelId: 'C0001' });

describe('the edit modal submission', () => {
  it('keeps the modal open with a clear reason when the form was tampered with or is from an old version', async () => {
    const rec = recorder();
    const { deps } = fakeDeps();
    await handleEditSubmission(deps)(viewArgs('debt_edit', EDIT_STATE, '{"v":9}', rec));
    expect(rec.calls).toEqual([
      {
        what: 'ack',
        args: { response_action: 'errors', errors: { title: expect.stringContaining('out of date') } },
      },
    ]);
  });

  it('answers a refusal under the title field and logs it as expected, not as a failure', async () => {
    const rec = recorder();
    const get: ItemStore['get'] = async () => null;
    const { deps, logs } = fakeDeps({ items: { get } as ItemStore });
    await handleEditSubmission(deps)(viewArgs('debt_edit', EDIT_STATE, EDIT_META, rec));
    expect(rec.calls).toEqual([
      { what: 'ack', args: { response_action: 'errors', errors: { title: 'DEBT-42 was not found.' } } },
    ]);
    expect(logs.map((l) => [l.level, l.msg])).toEqual([['info', 'request refused']]);
  });

  it('answers an unexpected failure with "nothing was lost" under the title field and logs an error', async () => {
    const rec = recorder();
    const get: ItemStore['get'] = async () => {
      throw new Error('Command timed out');
    };
    const { deps, logs } = fakeDeps({ items: { get } as ItemStore });
    await handleEditSubmission(deps)(viewArgs('debt_edit', EDIT_STATE, EDIT_META, rec));
    const ack = rec.calls[0]?.args as { errors: { title: string } };
    expect(ack.errors.title).toContain('cannot reach its database');
    expect(logs.map((l) => [l.level, l.msg])).toEqual([['error', 'request failed']]);
  });
});

describe('the settings modal submission', () => {
  it('shows field errors from the form and saves nothing', async () => {
    const rec = recorder();
    const saved: unknown[] = [];
    const settings = {
      get: async () => DEFAULT_CHANNEL_SETTINGS,
      save: async (...args: unknown[]) => void saved.push(args),
    } as unknown as SettingsStore;
    const { deps } = fakeDeps({ settings });
    const state = {
      timezone: { timezone: { type: 'external_select', selected_option: { value: 'Mars/Olympus' } } },
      time: { time: { type: 'timepicker', selected_time: '25:00' } },
      budget_percent: { budget_percent: { type: 'plain_text_input', value: '0' } },
    };
    await handleSettingsSubmission(deps)(
      viewArgs('debt_settings', state, JSON.stringify({ v: 1, channelId: 'C0001' }), rec),
    );
    const ack = rec.calls[0]?.args as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['budget_percent', 'time', 'timezone']);
    expect(saved).toEqual([]);
  });
});

describe('the App Home listener', () => {
  it('publishes nothing for the Messages tab', async () => {
    const rec = recorder();
    const { deps } = fakeDeps();
    const args = {
      event: { type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'messages' },
      body: { team_id: 'T0001' },
      client: { views: { publish: rec.record('views.publish') } },
    };
    // The event shape is Slack's app_home_opened example; Bolt's other middleware args are never read.
    await handleHomeOpened(deps)(args as unknown as Parameters<ReturnType<typeof handleHomeOpened>>[0]);
    expect(rec.calls).toEqual([]);
  });
});
