// Registers the modal submissions: filing, edit, pain, settings, My votes and Duplicate of….
import type { App } from '@slack/bolt';
import { CALLBACK } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { handleDuplicateSubmission } from './duplicate-submission.ts';
import { handleEditSubmission } from './edit-submission.ts';
import { handleFileSubmission } from './file-submission.ts';
import { handleMyVotesSubmission } from './my-votes.ts';
import { handlePainSubmission } from './pain-submission.ts';
import { handleSettingsSubmission } from './settings-submission.ts';

export function register(app: App, deps: Deps): void {
  app.view(CALLBACK.fileModal, handleFileSubmission(deps));
  app.view(CALLBACK.editModal, handleEditSubmission(deps));
  app.view(CALLBACK.painModal, handlePainSubmission(deps));
  app.view(CALLBACK.settingsModal, handleSettingsSubmission(deps));
  app.view(CALLBACK.myVotesModal, handleMyVotesSubmission(deps));
  app.view(CALLBACK.duplicateModal, handleDuplicateSubmission(deps));
}
