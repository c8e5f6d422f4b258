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
  /** Retries (429) that used a slot: reserved on top of the next window. */
  debt: number;
}

/**
 * A tenant's send rate shared by every server instance: an instance reserves a short
 * window of time on the tenant's slot record (a conditional write), then sends at the
 * rate inside it. Windows never overlap, so together the instances stay at the rate;
 * slots of a window that passed unused are dropped, never sent in a burst later.
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

  async take(tenantId: string): Promise<void> {
    // Slots are handed out one at a time per tenant; the waiting happens outside the chain.
    const previous = this.chains.get(tenantId) ?? Promise.resolve();
    const slot = previous.then(() => this.allocate(tenantId));
    this.chains.set(tenantId, slot.catch(() => undefined));
    const at = await slot;
    const wait = at - this.now();
    if (wait > 0) await this.sleep(wait);
  }

  charge(tenantId: string): void {
    const w = this.windows.get(tenantId);
    if (w) w.debt++;
    else this.windows.set(tenantId, { next: 0, end: 0, debt: 1 });
  }

  private async allocate(tenantId: string): Promise<number> {
    const now = this.now();
    let w = this.windows.get(tenantId);
    if (w) {
      w.next = Math.max(w.next, now); // slots that passed unused are dropped
      const room = Math.floor((w.end - w.next + 1e-6) / this.slotMs);
      const paid = Math.min(w.debt, Math.max(0, room));
      w.next += paid * this.slotMs;
      w.debt -= paid;
    }
    if (!w || w.next + this.slotMs > w.end + 1e-6) {
      const debt = w?.debt ?? 0;
      const slots = this.chunk + debt;
      const start = await this.opts.store.reserve(tenantId, slots, this.slotMs, now);
      w = { next: start + debt * this.slotMs, end: start + slots * this.slotMs, debt: 0 };
      this.windows.set(tenantId, w);
    }
    const at = w.next;
    w.next = at + this.slotMs;
    return at;
  }
}
