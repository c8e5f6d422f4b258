import type { Log } from '../log';
import type { UserContext } from '../org';
import type { Clock } from '../ports';
import type { ScanService } from './scan-service';

const MINUTE = 60_000;
/** At start: the scans completed in the last day (a server that stopped and came back). */
const AT_START_MS = 24 * 60 * MINUTE;
/** Then every 10 minutes, the last 30 (a store that failed for a while; overlapping runs are harmless). */
const EVERY_MS = 10 * MINUTE;
const WINDOW_MS = 30 * MINUTE;

/**
 * The completing answer shows the result at once and stores it after the turn. If the server
 * stops, or the store fails, in between, the completed session is stored but its result is
 * not: this job stores (and counts) those results, so they do not wait until the person next
 * opens their scan. Time comes from the Clock.
 */
export class MissingResultsJob {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      scan: Pick<ScanService, 'storeMissingResults'>;
      userOf: (tenantId: string, userId: string) => Promise<UserContext>;
      clock: Clock;
      log: Log;
    },
  ) {}

  /** Stores the missing results of scans completed in the last `windowMs`; how many it stored. */
  runNow(windowMs = WINDOW_MS): Promise<number> {
    this.running ??= this.deps.scan
      .storeMissingResults(new Date(this.deps.clock.now().getTime() - windowMs), this.deps.userOf)
      .then((stored) => {
        if (stored > 0) this.deps.log.warn({ stored }, 'scan results stored after a missed write');
        return stored;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  start(): void {
    const run = (windowMs: number) => () =>
      void this.runNow(windowMs).catch((err) => this.deps.log.error({ err }, 'missing scan results: sweep failed'));
    this.timers = [setTimeout(run(AT_START_MS), 20_000), setInterval(run(WINDOW_MS), EVERY_MS)];
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await this.running?.catch(() => undefined);
  }
}
