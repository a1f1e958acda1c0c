// Registers the message shortcut of manifest.yml.
import type { App, MessageShortcut } from '@slack/bolt';
import { CALLBACK } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { handleFileFromMessage } from './file-from-message.ts';

export function register(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>(CALLBACK.fileShortcut, handleFileFromMessage(deps));
}
