import type { SendSlots, SlotStore } from './campaign-ports';

export interface SendPacerOptions {
  store: SlotStore;
  /** Sends per second per tenant, over every instance together. */
  ratePerSecond: number;
  /** How much time one reservation takes (ms): fewer store writes against more waste when an instance runs dry. */
  chunkMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Window {
  next: number;
  end: number;
}

/**
 * A tenant's send rate shared by every server instance: an instance reserves a short
 * window of time on the tenant's slot record (a conditional write), then sends at the
 * rate inside it. Windows never overlap, so together the instances stay at the rate;
 * slots of a window that passed unused are dropped, never sent in a burst later.
 * Every attempt at the connector takes a slot, retries after a 429 included.
 * Wall-clock time, not the app's clock: throttling is about real seconds.
 */
export class SendPacer implements SendSlots {
  private readonly windows = new Map<string, Window>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly slotMs: number;
  private readonly chunk: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: SendPacerOptions) {
    this.slotMs = 1000 / opts.ratePerSecond;
    this.chunk = Math.max(1, Math.round((opts.chunkMs ?? 500) / this.slotMs));
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
  }

  async take(tenantId: string): Promise<number> {
    for (;;) {
      // Slots are handed out one at a time per tenant; the waiting happens outside the chain.
      const previous = this.chains.get(tenantId) ?? Promise.resolve();
      const slot = previous.then(() => this.allocate(tenantId));
      this.chains.set(
        tenantId,
        slot.catch(() => undefined),
      );
      const at = await slot;
      const wait = at - this.now();
      if (wait > 0) await this.sleep(wait);
      // Woken late (a busy event loop, a pause): the slot has passed. Sending now would
      // bunch with the senders of the next slots, so take a fresh one instead.
      if (!this.missed(at)) return at;
    }
  }

  missed(at: number): boolean {
    return this.now() - at > 2 * this.slotMs;
  }

  private async allocate(tenantId: string): Promise<number> {
    const now = this.now();
    let w = this.windows.get(tenantId);
    if (w) w.next = Math.max(w.next, now); // slots that passed unused are dropped
    if (!w || w.next + this.slotMs > w.end + 1e-6) {
      const start = await this.opts.store.reserve(tenantId, this.chunk, this.slotMs, now);
      w = { next: start, end: start + this.chunk * this.slotMs };
      this.windows.set(tenantId, w);
    }
    const at = w.next;
    w.next = at + this.slotMs;
    return at;
  }
}
