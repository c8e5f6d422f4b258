import { isConflict } from '../errors';
import type { Log } from '../log';
import type { Clock } from '../ports';
import type { Versioned } from '../scan/scan-types';

/**
 * One proactive message per stored item, sent by whichever server instance gets to it, with
 * nothing but ETag writes to agree on who sends. Used by the reminder campaigns and coach news.
 *
 *   queued ──lease──► queued (leased) ──claim──► sending ──settle──► sent | skipped | failed
 *                          ▲                        │ 429: Teams refused, nothing delivered
 *                          └────────refused─────────┘
 *
 * 1. Lease: an instance that will send the item writes a short lease (owner, until) with the ETag
 *    it read. Nothing is sent yet: if it stops now, the lease runs out and another instance sends it.
 * 2. Claim, just in time: the outbound queue calls the guard right before the HTTP call to Teams,
 *    after every wait for a send slot or a window. Only then is `sending` written, with a lease long
 *    enough for the call. If the write loses (another instance took the item), nothing is sent.
 * 3. Settle: the outcome is written with the claim's ETag.
 *
 * So an instance that dies (SIGKILL, power cut) leaves uncertain only the items whose HTTP call
 * was in flight: Teams may or may not have delivered them, and it offers no idempotency key for
 * proactive messages to ask. What happens to such an item once its lease runs out is each kind's
 * own choice (`afterInterruption`):
 * - 'resend': send it again. At least once: the person gets it, possibly twice.
 * - 'uncertain': never send it again, mark it `uncertain` ("mogelijk verstuurd"). At most once,
 *   and the tab shows it as what it is, not as failed.
 * Every item that was not in flight is sent exactly once either way.
 */

export interface Lease {
  owner: string;
  until: string;
}

export type SendStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed' | 'uncertain';

/** The fields of a stored item this piece reads and writes; the kinds add their own. */
export interface SendItem {
  status: SendStatus;
  /** While queued: not before; while leased or sending: the lease's end (another instance may look after it). */
  availableAt: string;
  lease?: Lease | null;
  /** Deliveries begun (a queue's own retries of one delivery count once). */
  attempts: number;
  /** Times a sender stopped in the middle of the HTTP call: each a message that may have arrived. */
  interruptions?: number;
  reason?: string;
  updatedAt: string;
}

export interface SendItemStore<T extends SendItem> {
  /** Throws a conflict AppError when the item changed since `etag`. */
  replace(item: T, etag: string): Promise<Versioned<T>>;
  /** The item as stored now; null when it is gone (erased). */
  reread(item: T): Promise<Versioned<T> | null>;
}

export type AfterInterruption = 'resend' | 'uncertain';

/** What the outbound queue calls around each HTTP attempt of one delivery. */
export interface SendGuard {
  /** Right before the HTTP call: false means the item is no longer this instance's, so do not send. Never throws. */
  claim(): Promise<boolean>;
  /** Teams answered 429: nothing was delivered, so a wait for the retry leaves nothing uncertain. Never throws. */
  refused(): Promise<void>;
}

export interface DurableSendOptions<T extends SendItem> {
  store: SendItemStore<T>;
  clock: Clock;
  log: Log;
  owner: string;
  /** The lease while `sending`: longer than any one HTTP call to Teams can take (the connector client gives up well before). */
  leaseMs: number;
  /**
   * The lease before the claim (default: a minute, or `leaseMs` if shorter). Short, because it only
   * keeps instances from preparing the same item twice: if it runs out before the claim, the claim
   * simply loses to whoever took the item over. After a crash, these items go out again this soon.
   */
  holdMs?: number;
  afterInterruption: AfterInterruption;
  /** Log fields naming the item (ids only). */
  describe(item: T): Record<string, unknown>;
}

export type Taken<T> =
  /** Leased by this instance: prepare it and deliver with `attempt(item)` as the guard. */
  | { kind: 'send'; item: Versioned<T> }
  /** Its sender stopped mid-call and the kind does not resend: now `uncertain`. */
  | { kind: 'settled' }
  /** Another instance has it, or it is not due. */
  | { kind: 'lost' };

export class DurableSend<T extends SendItem> {
  constructor(private readonly o: DurableSendOptions<T>) {}

  get owner(): string {
    return this.o.owner;
  }

  /** Leases an item a query found due; an item found `sending` was interrupted mid-call. */
  async take(found: Versioned<T>): Promise<Taken<T>> {
    const now = this.o.clock.now();
    const v = found.value;
    if (Date.parse(v.availableAt) > now.getTime()) return { kind: 'lost' };
    if (v.status !== 'queued' && v.status !== 'sending') return { kind: 'lost' };
    const interrupted = v.status === 'sending';
    if (interrupted)
      this.o.log.warn(this.o.describe(v), `item interrupted while sending (${this.o.afterInterruption})`);
    const interruptions = (v.interruptions ?? 0) + (interrupted ? 1 : 0);
    if (interrupted && this.o.afterInterruption === 'uncertain') {
      const written = await this.write(found, { status: 'uncertain', lease: null, interruptions } as Partial<T>);
      return written ? { kind: 'settled' } : { kind: 'lost' };
    }
    const until = new Date(now.getTime() + (this.o.holdMs ?? Math.min(this.o.leaseMs, 60_000))).toISOString();
    const leased = await this.write(found, {
      status: 'queued',
      lease: { owner: this.o.owner, until },
      availableAt: until,
      ...(interrupted ? { interruptions } : {}),
    } as Partial<T>);
    return leased ? { kind: 'send', item: leased } : { kind: 'lost' };
  }

  /** The guard for one delivery of a leased item; its `current` is what to settle from afterwards. */
  attempt(leased: Versioned<T>): SendAttempt<T> {
    return new SendAttempt(this, leased);
  }

  /**
   * Writes the outcome (the lease ends). If the item changed meanwhile, the outcome still wins
   * when the item is still under this instance's lease (a write whose answer was lost) or was
   * marked `uncertain` by another instance after this one's lease ran out: the sender knows
   * better. Any other change means another instance decided: false.
   */
  async settle(current: Versioned<T>, patch: Partial<T>): Promise<boolean> {
    for (let tries = 0; tries < 3; tries++) {
      const { reason: _previous, ...rest } = current.value;
      try {
        await this.o.store.replace(this.stamp({ ...rest, ...patch, lease: null } as T), current.etag);
        return true;
      } catch (err) {
        const stored = await this.o.store.reread(current.value).catch(() => null);
        if (!stored) {
          if (isConflict(err)) return false; // erased meanwhile
          throw err;
        }
        const s = stored.value;
        if (s.status === patch.status && s.lease == null) return true; // the write landed; its answer was lost
        const mine = s.lease?.owner === this.o.owner && (s.status === 'queued' || s.status === 'sending');
        if (stored.etag !== current.etag && !mine && s.status !== 'uncertain') {
          this.o.log.warn(
            { ...this.o.describe(current.value), status: s.status },
            'item changed by another instance; outcome not written',
          );
          return false;
        }
        current = stored;
      }
    }
    throw new Error('durable send: the outcome could not be written');
  }

  /** Conditional write of a change; null when another instance changed the item first. */
  async write(item: Versioned<T>, patch: Partial<T>): Promise<Versioned<T> | null> {
    try {
      return await this.o.store.replace(this.stamp({ ...item.value, ...patch }), item.etag);
    } catch (err) {
      // A lost race, or the store's answer was lost: a lease that did land runs out and the item comes back.
      if (!isConflict(err)) this.o.log.warn({ err, ...this.o.describe(item.value) }, 'item write failed');
      return null;
    }
  }

  /** See `SendAttempt.claim`. */
  async claim(current: Versioned<T>, attempts: number): Promise<Versioned<T> | null> {
    const until = this.until(this.o.clock.now());
    const patch = {
      status: 'sending',
      attempts,
      lease: { owner: this.o.owner, until },
      availableAt: until,
    } as Partial<T>;
    for (let tries = 0; tries < 2; tries++) {
      const claimed = await this.write(current, patch);
      if (claimed) return claimed;
      // Lost to another instance, or the answer was lost: only a write of ours that landed lets us send.
      const stored = await this.o.store.reread(current.value).catch(() => null);
      if (!stored) return null;
      const v = stored.value;
      if (v.status === 'sending' && v.lease?.owner === this.o.owner && v.attempts === attempts) return stored;
      if (stored.etag !== current.etag) return null;
    }
    return null;
  }

  private until(now: Date): string {
    return new Date(now.getTime() + this.o.leaseMs).toISOString();
  }

  private stamp(item: T): T {
    return { ...item, updatedAt: this.o.clock.now().toISOString() };
  }
}

/** One delivery of a leased item: `sending` is written right before each HTTP attempt, and undone after a 429. */
export class SendAttempt<T extends SendItem> implements SendGuard {
  private claimed = false;

  constructor(
    private readonly send: DurableSend<T>,
    public current: Versioned<T>,
  ) {}

  async claim(): Promise<boolean> {
    if (this.current.value.status === 'sending') return true; // a retry after a 5xx: still ours, still uncertain
    const attempts = this.current.value.attempts + (this.claimed ? 0 : 1);
    const claimed = await this.send.claim(this.current, attempts).catch(() => null);
    if (!claimed) return false;
    this.claimed = true;
    this.current = claimed;
    return true;
  }

  async refused(): Promise<void> {
    const back = await this.send.write(this.current, { status: 'queued' } as Partial<T>).catch(() => null);
    if (back) this.current = back;
  }
}
