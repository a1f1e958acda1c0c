// Registers the slash command of manifest.yml.
import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { handleDebtCommand } from './debt.ts';

export function register(app: App, deps: Deps): void {
  app.command('/debt', handleDebtCommand(deps));
}
