import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One structured logger. Paths that could carry secrets, tokens or answer contents
 * are redacted so that a careless `log.info({ activity })` cannot leak them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'digivaardig' },
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
