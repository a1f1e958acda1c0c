// Bounds a lookup that stands between a click and a modal: trigger_id lives 3 s, so a slow answer is
// replaced by a fallback rather than waited for.
export async function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a lookup before `views.open` may take: leaves the modal most of the 3-second window. */
export const BEFORE_MODAL_MS = 800;
