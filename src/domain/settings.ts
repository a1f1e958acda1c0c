// Channel settings (SPEC §1.7): the digest's schedule and budget, the quorum and the stewards.
import { z } from 'zod';

/** Zones already checked: building an Intl.DateTimeFormat costs more than the rest of a settings parse. */
const checkedZones = new Map<string, boolean>();
/** Enough for every zone there is (about 600) with room for junk, which is not remembered past it. */
const CHECKED_ZONES_MAX = 1000;

/** True for any zone this runtime's Intl accepts (every IANA zone and its aliases). */
export function isTimeZone(zone: string): boolean {
  const known = checkedZones.get(zone);
  if (known !== undefined) return known;
  const answer = zoneExists(zone);
  if (checkedZones.size < CHECKED_ZONES_MAX) checkedZones.set(zone, answer);
  return answer;
}

function zoneExists(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    // Intl throws RangeError for an unknown zone: that is the answer, not a failure.
    return false;
  }
}

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const slackId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);

export const ChannelSettingsSchema = z.object({
  v: z.literal(1),
  digestEnabled: z.boolean().default(false),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7).default(1),
  /** Local time of day, `HH:MM` (24 h), any minute. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00'),
  /** IANA zone; null until known (then the configuring user's Slack zone, else DEFAULT_TIMEZONE). */
  timezone: z.string().refine(isTimeZone, 'not a time zone').nullable().default(null),
  topN: z.number().int().min(1).max(10).default(5),
  /** Team capacity in hours per week; null = no budget section. */
  capacityHours: z.number().positive().max(10_000).nullable().default(null),
  budgetPercent: z.number().min(1).max(100).default(20),
  quorum: z.number().int().min(1).max(50).default(2),
  stewards: z.array(slackId).max(50).default([]),
  /** Who last saved the settings: told by DM when the digest fails and there are no stewards. */
  lastConfiguredBy: slackId.nullable().default(null),
});
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = ChannelSettingsSchema.parse({ v: 1 });

/** The hours of this week's debt budget, or null without a capacity (SPEC §2.4, Budget). */
export function budgetHours(
  settings: Pick<ChannelSettings, 'capacityHours' | 'budgetPercent'>,
): number | null {
  return settings.capacityHours === null ? null : (settings.capacityHours * settings.budgetPercent) / 100;
}
