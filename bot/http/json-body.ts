import type { Request, Response } from 'restify';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import { sendError } from './errors';

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * The one body reader for every route. The app speaks JSON only: a body is read up to
 * `maxBytes` and parsed into `req.body`; an empty body leaves `req.body` undefined, so a
 * route that needs no body (or checks its own) answers for itself. Everything else is
 * refused in the app's error shape, localized, without the parser's details:
 * over the limit → 413, another content type or a content encoding → 415, not JSON → 400.
 */
export function jsonBody(opts: { maxBytes: number; log: Logger; uploads?: { pathPrefix: string; maxBytes: number } }) {
  return (req: Request, res: Response, next: (err?: unknown) => void): void => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    // A file an admin uploads (the learning catalogue) may be larger than any other request.
    const maxBytes =
      opts.uploads && (req.url ?? '').startsWith(opts.uploads.pathPrefix) ? opts.uploads.maxBytes : opts.maxBytes;
    let done = false;
    const finish = (problem?: AppError) => {
      if (done) return;
      done = true;
      if (!problem) return next();
      sendError(req, res, problem, opts.log);
      next(false);
    };

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      // Past the limit the rest is read and dropped, so the answer reaches the client.
      if (!tooLarge) chunks.push(chunk);
    });
    req.once('error', () => finish(new AppError('invalid_request', 400, 'error.invalidRequest')));
    req.once('aborted', () => {
      // The client went away: nothing to answer, and no route runs on half a body.
      if (done) return;
      done = true;
      next(false);
    });
    req.once('end', () => {
      if (tooLarge) return finish(new AppError('payload_too_large', 413, 'error.tooLarge'));
      if (size === 0) return finish();
      const encoding = String(req.headers['content-encoding'] ?? 'identity')
        .trim()
        .toLowerCase();
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (encoding !== 'identity' || !JSON_TYPE.test(type))
        return finish(new AppError('unsupported_media_type', 415, 'error.notJson'));
      try {
        req.body = JSON.parse(
          Buffer.concat(chunks)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        ) as unknown;
      } catch {
        return finish(new AppError('invalid_json', 400, 'error.invalidJson'));
      }
      finish();
    });
    req.resume();
  };
}
