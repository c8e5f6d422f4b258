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

/** HTTP statuses that mean "busy or down for a moment": a later try may succeed. */
const UNAVAILABLE_STATUS = new Set([408, 429, 502, 503, 504]);
/** Network failures (Node's codes, the storage SDK's timeout and send failure). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'TimeoutError',
  'REQUEST_SEND_ERROR',
]);

/** The error a turn answers with when the store stays busy or unreachable within its time budget. */
export const unavailable = (): AppError => new AppError('unavailable', 503, 'error.unavailable');

/**
 * Whether a failure is a dependency (the store) being busy or unreachable for a moment, so
 * the user should be told to try again shortly. Recognised by the status or code adapters
 * put on their errors, also when wrapped (`cause`).
 */
export function isTemporarilyUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof AppError) return e.code === 'unavailable';
    const { code, statusCode } = e as { code?: unknown; statusCode?: unknown };
    if (typeof code === 'number' && UNAVAILABLE_STATUS.has(code)) return true;
    if (typeof statusCode === 'number' && UNAVAILABLE_STATUS.has(statusCode)) return true;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
