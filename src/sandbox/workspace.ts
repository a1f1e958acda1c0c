// The sandbox's workspace: an ML team of five (one workspace admin) and their channels, one private.
import type { FakeChannel, FakeUser } from './fake-slack.ts';

export const SANDBOX_TEAM = 'T0SANDBOX';
export const SANDBOX_TEAM_NAME = 'Acme ML';
export const SANDBOX_DOMAIN = 'acme-ml';

export type SandboxPerson = Pick<FakeUser, 'id' | 'name' | 'real_name' | 'tz' | 'is_admin'>;

/** The first is who the page starts as; Dana is the workspace admin. */
export const PEOPLE: readonly SandboxPerson[] = [
  { id: 'U0ANA', name: 'ana', real_name: 'Ana Ruiz', tz: 'Europe/Madrid', is_admin: false },
  { id: 'U0BEN', name: 'ben', real_name: 'Ben Carter', tz: 'Europe/London', is_admin: false },
  { id: 'U0MEI', name: 'mei', real_name: 'Mei Chen', tz: 'Europe/Berlin', is_admin: false },
  { id: 'U0RAVI', name: 'ravi', real_name: 'Ravi Patel', tz: 'Europe/Berlin', is_admin: false },
  { id: 'U0DANA', name: 'dana', real_name: 'Dana Okafor', tz: 'Europe/Berlin', is_admin: true },
];

export const CHANNELS = {
  mlPlatform: 'C0MLPLAT',
  dataEng: 'C0DATAENG',
  research: 'C0RESEARCH',
  general: 'C0GENERAL',
} as const;

export type SandboxChannelSpec = Pick<FakeChannel, 'id' | 'name' | 'is_private'> & { members?: string[] };

/** #research is private: Ana, Mei and Dana only. The app is a member of every channel. */
export const CHANNEL_SPECS: readonly SandboxChannelSpec[] = [
  { id: CHANNELS.mlPlatform, name: 'ml-platform', is_private: false },
  { id: CHANNELS.dataEng, name: 'data-eng', is_private: false },
  { id: CHANNELS.research, name: 'research', is_private: true, members: ['U0ANA', 'U0MEI', 'U0DANA'] },
  { id: CHANNELS.general, name: 'general', is_private: false },
];

/** Public channels are open to everyone; a private one to its members. */
export function visibleTo(channel: Pick<FakeChannel, 'is_private' | 'members'>, userId: string): boolean {
  return !channel.is_private || (channel.members ?? []).includes(userId);
}
