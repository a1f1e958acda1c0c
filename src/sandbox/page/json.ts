// Safe reads from Block Kit JSON: the page renders whatever the app sent, so nothing is trusted to match a type.

export type Json = Record<string, unknown>;

/**
 * `map[key]` for a key the app or the server chose: only the map's own entries, so `constructor`, `toString` or
 * `__proto__` find nothing instead of Object.prototype's members.
 */
export const own = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(map, key) ? map[key] : undefined;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const str = (o: Json, key: string): string | undefined => {
  const value = o[key];
  return typeof value === 'string' ? value : undefined;
};

export const obj = (o: Json, key: string): Json | undefined => {
  const value = o[key];
  return isObject(value) ? value : undefined;
};

/** The array under `key`, keeping only its objects (a malformed entry is skipped, Slack would reject it anyway). */
export const objects = (o: Json, key: string): Json[] => {
  const value = o[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
};

export const strings = (o: Json, key: string): string[] => {
  const value = o[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** The `text` of a text object (`{type, text}`), or '' when it is missing. */
export const textOf = (o: Json | undefined): string => (o ? (str(o, 'text') ?? '') : '');
