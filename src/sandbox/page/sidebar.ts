// The top bar's user switcher and the channel list: cheap to rebuild, so they are rebuilt on every update.
import type { SandboxChannel, SandboxState } from '../contract.ts';
import { el } from './dom.ts';

/** The app's DM is listed by the app's name (the stand-in names it so), as Slack lists it under Apps. */
export function channelLabel(channel: SandboxChannel): string {
  if (channel.isDm) return channel.name || 'Debt Triage';
  return `${channel.isPrivate ? '🔒 ' : '#'}${channel.name}`;
}

/** People only: the bot is nobody to view the workspace as. `viewer`: the choice, ahead of the state for them. */
export function renderUserSwitcher(select: HTMLSelectElement, state: SandboxState, viewer: string): void {
  const people = state.users.filter((u) => !u.isBot);
  const key = JSON.stringify(people);
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.replaceChildren(
      ...people.map((u) =>
        el('option', { value: u.id }, `${u.realName || u.name} (@${u.name})${u.isAdmin ? ' (admin)' : ''}`),
      ),
    );
  }
  select.value = viewer;
}

export function renderChannelList(
  list: HTMLElement,
  state: SandboxState,
  current: string | null,
  choose: (id: string) => void,
): void {
  // The app's DM last, as the issue asks, whatever order the server sends.
  const ordered = [...state.channels.filter((c) => !c.isDm), ...state.channels.filter((c) => c.isDm)];
  list.replaceChildren(
    ...ordered.map((channel) => {
      const button = el(
        'button',
        {
          type: 'button',
          class: `channel${channel.isDm ? ' channel-dm' : ''}`,
          'data-testid': `channel-${channel.id}`,
          'aria-current': channel.id === current ? 'page' : undefined,
          title: channel.isPrivate ? 'Private channel' : undefined,
        },
        channelLabel(channel),
      );
      button.addEventListener('click', () => choose(channel.id));
      return el('li', {}, button);
    }),
  );
}
