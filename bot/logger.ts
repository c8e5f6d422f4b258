import pino from 'pino';
import type { Log } from './domain/log';

/** Everything outside the composition root logs through the domain's `Log` interface; pino implements it. */
export type Logger = Log;

/**
 * One structured logger. Paths that could carry secrets, tokens or answer contents
 * are redacted so that a careless `log.info({ activity })` cannot leak them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { app: 'digivaardig' },
      serializers: { err: safeError },
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          '*.token',
          '*.password',
          '*.key',
          'activity.text',
          'activity.value',
          'value',
          'text',
          'answer',
          '*.answer',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * Errors are logged with a fixed set of fields. SDK errors (the Bot Connector's, Cosmos DB's,
 * msal's) carry the request they failed on, with its Authorization header and body; copying
 * every property, as the standard serializer does, would put a bearer token in the log.
 */
const ERROR_FIELDS = ['type', 'message', 'stack', 'code', 'statusCode', 'status', 'name'] as const;

export function safeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const full = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS) if (full[field] !== undefined) out[field] = full[field];
  out.message = err.message; // the standard serializer appends the causes' messages; `cause` carries them
  if (err.cause instanceof Error && depth < 3) out.cause = safeError(err.cause, depth + 1);
  return out;
}
