// Reads the settings modal into ChannelSettings, or inline field errors.
import { FIELD } from '../../../blocks/ids.ts';
import { type ChannelSettings, ChannelSettingsSchema, isTimeZone } from '../../domain/settings.ts';
import { type FieldErrors, field, type ViewStateValues } from './filing-state.ts';

function number(raw: string): number | null {
  const n = Number(raw.trim().replace(',', '.'));
  return raw.trim() !== '' && Number.isFinite(n) ? n : null;
}

export function parseSettingsState(
  values: ViewStateValues,
  current: ChannelSettings,
): ChannelSettings | FieldErrors {
  const errors: Record<string, string> = {};
  const timezone = field(values, FIELD.timezone).selected_option?.value ?? '';
  if (!isTimeZone(timezone)) errors[FIELD.timezone] = 'Choose a time zone from the list, e.g. Europe/Berlin.';
  const time = field(values, FIELD.time).selected_time ?? '';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[FIELD.time] = 'Choose a time.';
  const capacityRaw = field(values, FIELD.capacity).value ?? '';
  const capacity = capacityRaw.trim() === '' ? null : number(capacityRaw);
  if (capacityRaw.trim() !== '' && (capacity === null || capacity <= 0 || capacity > 10_000))
    errors[FIELD.capacity] = 'Hours per week, above 0 and at most 10000 — or leave it empty.';
  const budget = number(field(values, FIELD.budgetPercent).value ?? '');
  if (budget === null || budget < 1 || budget > 100)
    errors[FIELD.budgetPercent] = 'A percentage from 1 to 100.';
  if (Object.keys(errors).length > 0) return errors as FieldErrors;

  const parsed = ChannelSettingsSchema.safeParse({
    ...current,
    digestEnabled: field(values, FIELD.digestEnabled).selected_option?.value === 'on',
    weekday: Number(field(values, FIELD.weekday).selected_option?.value ?? current.weekday),
    time,
    timezone,
    topN: Number(field(values, FIELD.topN).selected_option?.value ?? current.topN),
    capacityHours: capacity,
    budgetPercent: budget,
    quorum: Number(field(values, FIELD.quorum).selected_option?.value ?? current.quorum),
    stewards: field(values, FIELD.stewards).selected_users ?? [],
  });
  if (!parsed.success)
    return { [FIELD.stewards]: 'These settings could not be saved; check each field.' } as FieldErrors;
  return parsed.data;
}

export function isSettingsErrors(result: ChannelSettings | FieldErrors): result is FieldErrors {
  return !('v' in result);
}
