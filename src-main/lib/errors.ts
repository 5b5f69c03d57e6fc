import type { ErrorCode, Problem } from '../api/contract';

/** An expected failure with a stable code; the router turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params?: Record<string, string | number>,
    readonly fields?: Record<string, Problem>,
  ) {
    super(`${code}: ${key}${params ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', 'notFound', { what });

/** A VALIDATION error pointing at form fields. */
export function fieldErrors(fields: Record<string, Problem>): AppError {
  return new AppError('VALIDATION', 'invalidInput', undefined, fields);
}
