import type { Request, Response } from 'restify';
import { AppError } from '../domain/errors';
import { type Locale, toLocale } from '../domain/org';
import type { Authenticator, Principal } from './auth';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The verified caller: tenant and user from the token's claims, never from the request. */
export function callerOf(auth: Authenticator, req: Request): Promise<Principal> {
  return auth.authenticate(req.header('authorization'));
}

/** The tab asks in its own language (Teams locale or the picker); the browser's setting is the fallback. */
export function localeOf(req: Request): Locale {
  const lang = new URL(req.url ?? '/', 'http://local').searchParams.get('lang');
  return toLocale(lang ?? req.header('accept-language'));
}

/** A path id we could have issued; anything else cannot exist. */
export function idParam(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || !ID.test(value)) throw new AppError('not_found', 404, 'error.notFound');
  return value;
}

/** A JSON object body (the body reader already refused malformed JSON and other content types). */
export function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body))
    throw new AppError('invalid_request', 400, 'error.invalidRequest');
  return body as Record<string, unknown>;
}

/** Dashboards and scan results are personal: never cached by a browser or a proxy. */
export function sendPrivate(res: Response, status: number, body: unknown): void {
  res.setHeader('cache-control', 'no-store');
  res.send(status, body);
}
