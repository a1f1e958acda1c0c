// Polling for asynchronous effects (a worker's post, a coalesced update) with a failure message worth reading.

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls until `predicate` returns something truthy (exceptions count as "not yet"); `explain` adds context on timeout. */
export async function pollUntil<T>(
  predicate: () => T | Promise<T>,
  timeoutMs: number,
  explain: () => string,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as Truthy<T>;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const why = lastError ? `\nlast error: ${lastError}` : '';
      throw new Error(`waitFor timed out after ${timeoutMs} ms${why}\n${explain()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
