// Who acts in a request, in the shapes Slack sends: a member, a Slack Connect guest from another
// organisation, an Enterprise Grid user, and an org-level payload whose `team` is null. Field by field from:
// - block_actions: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
//   ("team … in the case of Enterprise Grid, team can also have enterprise_id and enterprise_name";
//   "user.team_id will report an enterprise organization ID (E…) … when using Enterprise Grid").
// - view_submission: https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload and the
//   view_submission sample in Slack's java-slack-sdk Bolt tests (`view.app_installed_team_id`, `enterprise`,
//   `is_enterprise_install`), which Bolt reads in buildSource (node_modules/@slack/bolt/dist/App.js).
// - slash commands: https://docs.slack.dev/interactivity/implementing-slash-commands (`team_id`,
//   `enterprise_id`, `is_enterprise_install`).

/** The workspace that installed the app in every test (the fake's auth.test answers it). */
export const TEAM = 'T0FAKE';

export interface PayloadIdentity {
  userId: string;
  /** `user.team_id`: the acting person's own workspace (or, in Grid, their organisation). */
  userTeamId: string;
  /** The payload's `team`; null on some org-level payloads. */
  team: { id: string; domain: string; enterprise_id?: string; enterprise_name?: string } | null;
  enterprise: { id: string; name: string } | null;
  isEnterpriseInstall: boolean;
}

export const MEMBER: PayloadIdentity = {
  userId: 'U0ALICE',
  userTeamId: TEAM,
  team: { id: TEAM, domain: 'fake' },
  enterprise: null,
  isEnterpriseInstall: false,
};

/** A partner-organisation engineer in a shared channel: every team id in the payload is theirs. */
export const CONNECT_GUEST: PayloadIdentity = {
  userId: 'U0GUEST',
  userTeamId: 'T0PARTNER',
  team: { id: 'T0PARTNER', domain: 'partner-co' },
  enterprise: null,
  isEnterpriseInstall: false,
};

/** A user of a workspace in an Enterprise Grid organisation (W… user id, E… in user.team_id). */
export const GRID_USER: PayloadIdentity = {
  userId: 'W0GRIDUSER',
  userTeamId: 'E0GRIDORG',
  team: { id: TEAM, domain: 'fake', enterprise_id: 'E0GRIDORG', enterprise_name: 'Acme Grid' },
  enterprise: { id: 'E0GRIDORG', name: 'Acme Grid' },
  isEnterpriseInstall: false,
};

/** An org-level payload: `team` is null, the user's workspace only in `user.team_id`. */
export const ORG_LEVEL: PayloadIdentity = {
  userId: 'W0ORGUSER',
  userTeamId: TEAM,
  team: null,
  enterprise: { id: 'E0GRIDORG', name: 'Acme Grid' },
  isEnterpriseInstall: false,
};

/** The identity fields of an interaction payload (block_actions, view_submission, shortcut). */
export function interactionIdentity(who: PayloadIdentity) {
  return {
    team: who.team,
    user: {
      id: who.userId,
      username: who.userId.toLowerCase(),
      name: who.userId.toLowerCase(),
      team_id: who.userTeamId,
    },
    enterprise: who.enterprise,
    is_enterprise_install: who.isEnterpriseInstall,
  };
}
