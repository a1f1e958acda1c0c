// Reads JSON written by this app back through a zod schema: a corrupt or foreign record is an error, not data.
import type { z } from 'zod';

export class CorruptRecordError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`Redis record ${key} is unreadable: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}

export function parseRecord<S extends z.ZodType>(schema: S, key: string, raw: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new CorruptRecordError(key, error instanceof Error ? error.message : 'invalid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CorruptRecordError(key, parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}
