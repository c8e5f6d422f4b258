/**
 * The log the application writes to, owned by the domain like its other ports: structured
 * fields first, then a short message. pino's logger satisfies it unchanged; tests pass a
 * silent one or a recording fake. `child` adds fields (a component, an id) to every line.
 */
export interface LogFn {
  (fields: Record<string, unknown>, message?: string): void;
  (message: string): void;
}

export interface Log {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(fields: Record<string, unknown>): Log;
}
