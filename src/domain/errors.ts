// The closed set of domain errors; listeners turn each into a clear ephemeral message (STYLE §8).
export type DomainErrorCode = 'not_found' | 'forbidden' | 'invalid' | 'conflict';

class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** A sentence meant for the user; plain text, escaped where it is shown. */
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const invalid = (message: string) => new DomainError('invalid', message);
export const conflict = (message: string) => new DomainError('conflict', message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
