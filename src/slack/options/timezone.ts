// Suggestions for the settings modal's time zone field: every IANA zone, searched as the user types.
import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { option } from '../../../blocks/kit.ts';
import { SLACK_LIMITS } from '../../../blocks/limits.ts';

const ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

/** Zones whose name contains every word typed (case-insensitive; spaces match `_` and `/`). */
function searchTimeZones(query: string, limit: number = SLACK_LIMITS.staticSelectOptions): string[] {
  const words = query
    .toLowerCase()
    .split(/[\s_/]+/)
    .filter(Boolean);
  if (words.length === 0) return ZONES.slice(0, limit);
  const matches = ZONES.filter((zone) => {
    const name = zone.toLowerCase().replace(/[_/]/g, ' ');
    return words.every((w) => name.includes(w));
  });
  // Zones whose city starts with the query come first: "berl" puts Europe/Berlin at the top.
  const city = (z: string) => (z.split('/').pop() ?? z).toLowerCase();
  const first = words[0] ?? '';
  return matches
    .sort((a, b) => Number(city(b).startsWith(first)) - Number(city(a).startsWith(first)))
    .slice(0, limit);
}

export function handleTimezoneOptions() {
  return async ({
    ack,
    options,
  }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs): Promise<void> => {
    const zones = searchTimeZones(options.value ?? '');
    await ack({ options: zones.map((z) => option(z, z)) });
  };
}
