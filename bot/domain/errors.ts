/**
 * The one application error: a stable `code`, an HTTP status for the REST mapper,
 * and a message key the bot and the tab translate. Never carries user input.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const isConflict = (err: unknown): boolean => err instanceof AppError && err.code === 'conflict';
