import { AppError } from '../../bot/domain/errors';
import type {
  Campaign,
  CampaignCounts,
  CampaignRepository,
  Recipient,
  RecipientKind,
  ReminderLedger,
  ScanCompletion,
  SlotStore,
} from '../../bot/domain/campaigns/campaign-ports';
import type { Versioned } from '../../bot/domain/scan/scan-types';

const conflict = () => new AppError('conflict', 409, 'error.conflict');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The campaign store in memory with Cosmos' ETag rules (a replace with a stale ETag is a conflict). */
export class MemoryCampaignRepository implements CampaignRepository {
  private seq = 0;
  readonly campaigns = new Map<string, { value: Campaign; etag: string }>();
  readonly recipients = new Map<string, { value: Recipient; etag: string }>();
  tenants: string[] = [];

  private etag() {
    return `"${++this.seq}"`;
  }

  static key(r: Pick<Recipient, 'tenantId' | 'campaignId' | 'kind' | 'userId'>) {
    return `${r.tenantId}|${r.campaignId}|${r.kind}|${r.userId}`;
  }

  /** When each tenant's schedule became known; tests that start on a due day set an earlier moment. */
  readonly knownSince = new Map<string, string>();

  async tenantIds() {
    return this.tenants;
  }

  async scheduleKnownSince(tenantId: string, at: string) {
    if (!this.knownSince.has(tenantId)) this.knownSince.set(tenantId, at);
    return this.knownSince.get(tenantId)!;
  }

  async getCampaign(tenantId: string, campaignId: string) {
    const hit = this.campaigns.get(`${tenantId}|${campaignId}`);
    return hit ? clone(hit) : null;
  }

  async createCampaign(c: Campaign) {
    const key = `${c.tenantId}|${c.campaignId}`;
    if (this.campaigns.has(key)) return null;
    const stored = { value: clone(c), etag: this.etag() };
    this.campaigns.set(key, stored);
    return clone(stored);
  }

  async replaceCampaign(c: Campaign, etag: string) {
    const key = `${c.tenantId}|${c.campaignId}`;
    if (this.campaigns.get(key)?.etag !== etag) throw conflict();
    const stored = { value: clone(c), etag: this.etag() };
    this.campaigns.set(key, stored);
    return clone(stored);
  }

  async latestCampaigns(tenantId: string, limit: number) {
    return [...this.campaigns.values()]
      .map((c) => clone(c.value))
      .filter((c) => c.tenantId === tenantId)
      .sort((a, b) => b.campaignId.localeCompare(a.campaignId))
      .slice(0, limit);
  }

  async addRecipient(r: Recipient) {
    const key = MemoryCampaignRepository.key(r);
    if (this.recipients.has(key)) return false;
    this.recipients.set(key, { value: clone(r), etag: this.etag() });
    return true;
  }

  async claimable(now: Date, limit: number): Promise<Array<Versioned<Recipient>>> {
    return [...this.recipients.values()]
      .filter(
        (r) =>
          (r.value.status === 'queued' || r.value.status === 'sending') && r.value.availableAt <= now.toISOString(),
      )
      .sort((a, b) => a.value.availableAt.localeCompare(b.value.availableAt))
      .slice(0, limit)
      .map(clone);
  }

  async getRecipient(tenantId: string, campaignId: string, kind: RecipientKind, userId: string) {
    const hit = this.recipients.get(MemoryCampaignRepository.key({ tenantId, campaignId, kind, userId }));
    return hit ? clone(hit) : null;
  }

  async replaceRecipient(r: Recipient, etag: string) {
    const key = MemoryCampaignRepository.key(r);
    if (this.recipients.get(key)?.etag !== etag) throw conflict();
    const stored = { value: clone(r), etag: this.etag() };
    this.recipients.set(key, stored);
    return clone(stored);
  }

  async countByStatus(tenantId: string, campaignId: string): Promise<CampaignCounts> {
    const counts: Required<CampaignCounts> = { queued: 0, sent: 0, failed: 0, skipped: 0, uncertain: 0 };
    for (const { value: r } of this.recipients.values()) {
      if (r.tenantId !== tenantId || r.campaignId !== campaignId) continue;
      if (r.status === 'queued' || r.status === 'sending') counts.queued++;
      else counts[r.status]++;
    }
    return counts;
  }

  async forgetUser(tenantId: string, userId: string) {
    let n = 0;
    for (const [key, { value }] of this.recipients) {
      if (value.tenantId !== tenantId || value.userId !== userId) continue;
      this.recipients.delete(key);
      n++;
    }
    return n;
  }

  /** Every recipient, for assertions. */
  all(): Recipient[] {
    return [...this.recipients.values()].map((r) => clone(r.value));
  }
}

export class MemoryLedger implements ReminderLedger {
  readonly campaigns = new Map<string, string[]>();

  async reserve(tenantId: string, userId: string, campaignId: string, max: number) {
    const list = this.campaigns.get(`${tenantId}|${userId}`) ?? [];
    if (list.includes(campaignId)) return list.length;
    if (list.length >= max) return null;
    this.campaigns.set(`${tenantId}|${userId}`, [...list, campaignId]);
    return list.length + 1;
  }

  async release(tenantId: string, userId: string, campaignId: string) {
    const list = this.campaigns.get(`${tenantId}|${userId}`) ?? [];
    this.campaigns.set(
      `${tenantId}|${userId}`,
      list.filter((c) => c !== campaignId),
    );
  }

  async count(tenantId: string, userId: string) {
    return (this.campaigns.get(`${tenantId}|${userId}`) ?? []).length;
  }
}

export class MemoryCompletion implements ScanCompletion {
  readonly done = new Set<string>();

  async completedUserIds(tenantId: string) {
    return new Set([...this.done].filter((k) => k.startsWith(`${tenantId}|`)).map((k) => k.slice(tenantId.length + 1)));
  }

  async hasCompleted(tenantId: string, userId: string) {
    return this.done.has(`${tenantId}|${userId}`);
  }
}

export class MemorySlotStore implements SlotStore {
  readonly until = new Map<string, number>();
  reservations = 0;

  async reserve(tenantId: string, slots: number, slotMs: number, nowMs: number) {
    this.reservations++;
    const start = Math.max(nowMs, this.until.get(tenantId) ?? 0);
    this.until.set(tenantId, start + slots * slotMs);
    return start;
  }
}
