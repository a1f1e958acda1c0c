// Registers external select suggestions (block_suggestion) of the modals.
import type { App } from '@slack/bolt';
import { FIELD } from '../../../blocks/ids.ts';
import { handleTimezoneOptions } from './timezone.ts';

export function register(app: App): void {
  app.options({ action_id: FIELD.timezone }, handleTimezoneOptions());
}
