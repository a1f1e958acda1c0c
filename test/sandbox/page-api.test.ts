// What the page API's schemas let through to the session: the fields Slack puts in `actions[0]`, and text
// past Slack's own limit, which the session refuses as Slack does.
import { describe, expect, it } from 'vitest';
import { PAGE_REQUESTS } from '../../src/sandbox/page-api.ts';

describe('page requests', () => {
  it('keeps the channel a channels_select picked, as Slack sends it in actions[0]', () => {
    const action = {
      type: 'channels_select',
      action_id: 'pick',
      block_id: 'where',
      selected_channel: 'C0GENERAL',
    };
    const parsed = PAGE_REQUESTS.action.parse({
      user: 'U0ANA',
      source: { kind: 'modal', viewId: 'V1' },
      action,
    });
    expect(parsed.action).toEqual(action);
  });

  it('takes text past 40,000 characters, for the session to refuse with msg_too_long', () => {
    const request = { user: 'U0ANA', channel: 'C0GENERAL', text: 'x'.repeat(40_001) };
    expect(PAGE_REQUESTS.command.safeParse(request).success).toBe(true);
  });
});
