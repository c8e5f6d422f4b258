import type { Request, Response } from 'restify';
import { AppError, isTemporarilyUnavailable, unavailable } from '../domain/errors';
import { toLocale } from '../domain/org';
import { isMessageKey, t } from '../i18n';
import type { Logger } from '../logger';

/** The one REST error mapper: AppError → its status and a localized message; the store unavailable → 503; anything else → 500 without details. */
export function sendError(req: Request, res: Response, err: unknown, log: Logger): void {
  const locale = toLocale(req.header('accept-language'));
  if (!(err instanceof AppError) && isTemporarilyUnavailable(err)) {
    // The store is busy or unreachable for a moment: "probeer het zo opnieuw", as the bot says, not an error.
    log.warn({ err, requestId: req.id() }, 'store unavailable');
    err = unavailable();
  }
  if (err instanceof AppError) {
    res.send(err.status, {
      error: err.code,
      message: isMessageKey(err.messageKey) ? t(locale, err.messageKey) : err.code,
    });
    return;
  }
  log.error({ err, requestId: req.id() }, 'request failed');
  res.send(500, { error: 'internal', message: t(locale, 'error.title') });
}

/** Wraps an async route so a rejection becomes a mapped error response, never an unhandled rejection. */
export function route(log: Logger, handler: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: (err?: unknown) => void) => {
    handler(req, res)
      .catch((err) => sendError(req, res, err, log))
      .finally(() => next(false));
  };
}

/**
 * restify's own refusals (no such route, method not allowed, and any other HTTP error it
 * raises) as an AppError, so they answer in the app's shape and never show restify's text.
 */
export function restifyRefusal(err: { statusCode?: unknown }): AppError | Error {
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 404) return new AppError('not_found', 404, 'error.notFound');
  if (status === 405) return new AppError('method_not_allowed', 405, 'error.invalidRequest');
  if (status === 413) return new AppError('payload_too_large', 413, 'error.tooLarge');
  if (status === 415) return new AppError('unsupported_media_type', 415, 'error.notJson');
  if (status >= 400 && status < 500) return new AppError('invalid_request', status, 'error.invalidRequest');
  return err instanceof Error ? err : new Error('request failed');
}
