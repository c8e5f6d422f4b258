export interface RoutingWorkerOptions {
  /** Routings at once when no request is being submitted. */
  size: number;
  /** How long no submit must have been under way before the worker counts as quiet. */
  quietGapMs: number;
  /** The longest a routing waits for quiet; after that it runs anyway, one at a time while submits go on. */
  maxWaitMs: number;
}

interface Job {
  run: () => Promise<void>;
  settle: { resolve: () => void; reject: (err: unknown) => void };
  overdue: boolean;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * This instance's routing of new tickets after their turns: a bounded queue that yields to
 * submit turns. A burst of requests is answered first: while submits are under way no routing
 * starts, except one at a time for a ticket that has waited `maxWaitMs` (so a steady stream of
 * submits does not starve routing); once no submit has been seen for `quietGapMs`, up to `size`
 * run. A ticket whose routing never runs here (the instance stops) is routed by a sweep.
 */
export class RoutingWorker {
  private readonly queue: Job[] = [];
  private active = 0;
  private submitting = 0;
  private quiet = true;
  private gap: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: RoutingWorkerOptions) {}

  /** A submit turn began: routing that has not started waits. */
  submitStarted(): void {
    this.submitting++;
    this.quiet = false;
    if (this.gap) clearTimeout(this.gap);
    this.gap = null;
  }

  /** A submit turn answered; after `quietGapMs` without another, queued routings start. */
  submitEnded(): void {
    if (--this.submitting > 0) return;
    this.gap = setTimeout(() => {
      this.gap = null;
      this.quiet = true;
      this.pump();
    }, this.opts.quietGapMs);
  }

  /** Queues a routing; settles as it does once it has run. */
  add(run: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const job: Job = {
        run,
        settle: { resolve, reject },
        overdue: false,
        timer: setTimeout(() => this.overdue(job), this.opts.maxWaitMs),
      };
      this.queue.push(job);
      this.pump();
    });
  }

  private overdue(job: Job): void {
    job.overdue = true;
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const limit = this.quiet ? this.opts.size : 1;
      // Oldest first, so the one waiting longest is the one that may be overdue.
      if (this.active >= limit || (!this.quiet && !this.queue[0].overdue)) return;
      const job = this.queue.shift()!;
      clearTimeout(job.timer);
      this.active++;
      void job
        .run()
        .then(job.settle.resolve, job.settle.reject)
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }
}
