// The vote scales of SPEC §1.3 in one table: every conversion from a level to hours reads from here.
export const SEVERITY_SCALE = [
  { level: 1, label: 'Nuisance', anchor: 'annoying, a few minutes lost', hours: 0.25 },
  { level: 2, label: 'Minor', anchor: 'about an hour; known workaround', hours: 1 },
  { level: 3, label: 'Moderate', anchor: 'about half a day; blocks a task or needs an expert', hours: 4 },
  {
    level: 4,
    label: 'Major',
    anchor: 'a day or two; a release blocked, a bad result reaches users',
    hours: 16,
  },
  {
    level: 5,
    label: 'Critical',
    anchor: 'a week or more; outage, silent wrong predictions at scale, privacy or compliance breach',
    hours: 40,
  },
] as const;

export const FREQUENCY_SCALE = [
  { level: 1, label: 'Rarely', anchor: 'a few times a year', perWeek: 0.05 },
  { level: 2, label: 'Monthly', anchor: 'about once a month', perWeek: 0.25 },
  { level: 3, label: 'Weekly', anchor: 'about once a week', perWeek: 1 },
  { level: 4, label: 'Daily', anchor: 'about once a day', perWeek: 5 },
  { level: 5, label: 'Many times a day', anchor: 'many times a day', perWeek: 15 },
] as const;

export const EFFORT_SCALE = [
  { level: 1, size: 'XS', anchor: '≤ 2 hours', hours: 2 },
  { level: 2, size: 'S', anchor: 'about a day', hours: 8 },
  { level: 3, size: 'M', anchor: '2–5 days', hours: 24 },
  { level: 4, size: 'L', anchor: '1–2 weeks', hours: 60 },
  { level: 5, size: 'XL', anchor: 'more than 2 weeks (suggest splitting)', hours: 120 },
] as const;

/** A vote is a level 1–5 in one of three dimensions; effort levels 1–5 stand for XS–XL. */
export type Level = 1 | 2 | 3 | 4 | 5;
export type Dimension = 'severity' | 'frequency' | 'effort';
export const DIMENSIONS: readonly Dimension[] = ['severity', 'frequency', 'effort'];

/** Effort assumed for an item nobody has sized (size M): fixed, so one item's score never depends on others. */
export const DEFAULT_EFFORT_HOURS = 24;

export function isLevel(n: number): n is Level {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

export function severityHours(level: Level): number {
  return SEVERITY_SCALE[level - 1]?.hours ?? 0;
}

export function frequencyPerWeek(level: Level): number {
  return FREQUENCY_SCALE[level - 1]?.perWeek ?? 0;
}

export function effortHours(level: Level): number {
  return EFFORT_SCALE[level - 1]?.hours ?? DEFAULT_EFFORT_HOURS;
}
