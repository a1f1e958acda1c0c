// Registers the Events API subscriptions of manifest.yml.
import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { handleHomeOpened } from './home.ts';
import { handleAccessLost } from './lifecycle.ts';

export function register(app: App, deps: Deps): void {
  app.event('app_home_opened', handleHomeOpened(deps));
  app.event('app_uninstalled', handleAccessLost(deps));
  app.event('tokens_revoked', handleAccessLost(deps));
}
