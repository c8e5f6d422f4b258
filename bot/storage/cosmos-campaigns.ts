import type { Container } from '@azure/cosmos';
import { isConflict } from '../domain/errors';
import type {
  Campaign,
  CampaignCounts,
  CampaignRepository,
  Recipient,
  RecipientKind,
  RecipientStatus,
  ReminderLedger,
  ScanCompletion,
  SlotStore,
} from '../domain/campaigns/campaign-ports';
import type { Versioned } from '../domain/scan/scan-types';
import { userKey } from './containers';
import { createOnce, readOrNull, replaceIfMatch, statusOf, versioned } from './cosmos';

type Stored = { _etag: string } & Record<string, unknown>;

const campaignDocId = (campaignId: string) => `campaign:${campaignId}`;
const recipientDocId = (campaignId: string, kind: RecipientKind, userId: string) =>
  `campaign:${campaignId}:${kind === 'reminder' ? 'r' : 'l'}:${userId}`;
const STATUSES: RecipientStatus[] = ['queued', 'sending', 'sent', 'skipped', 'failed', 'uncertain'];

/**
 * Campaigns and their queue in the `schedule` container (partition /tenantId), where the
 * app's other timed work with leases lives: one record per campaign (`campaign:<month>`)
 * and one per recipient (`campaign:<month>:r|l:<userId>`). Counts are COUNT queries per
 * status within the tenant's partition (the embedded store has no GROUP BY).
 */
export class CosmosCampaignRepository implements CampaignRepository {
  constructor(
    private readonly schedule: Container,
    private readonly tenants: Container,
  ) {}

  async tenantIds(): Promise<string[]> {
    const { resources } = await this.tenants.items
      .query<{ tenantId: string }>("SELECT c.tenantId FROM c WHERE c.docType = 'tenant'")
      .fetchAll();
    return [...new Set(resources.map((r) => r.tenantId))];
  }

  async scheduleKnownSince(tenantId: string, at: string): Promise<string> {
    const id = 'campaign-schedule';
    const read = async () => (await readOrNull<{ since: string }>(this.schedule, id, tenantId))?.since;
    const stored = await read();
    if (stored) return stored;
    try {
      await createOnce(this.schedule, { id, tenantId, docType: 'campaign-schedule', since: at });
      return at;
    } catch (err) {
      // Another instance wrote it first: theirs counts.
      if (isConflict(err)) return (await read()) ?? at;
      throw err;
    }
  }

  async getCampaign(tenantId: string, campaignId: string): Promise<Versioned<Campaign> | null> {
    const doc = await readOrNull<Stored>(this.schedule, campaignDocId(campaignId), tenantId);
    return doc ? versioned<Campaign>(doc) : null;
  }

  async createCampaign(campaign: Campaign): Promise<Versioned<Campaign> | null> {
    try {
      return versioned<Campaign>(
        (await createOnce(this.schedule, {
          ...campaign,
          id: campaignDocId(campaign.campaignId),
          docType: 'campaign',
        })) as unknown as Stored,
      );
    } catch (err) {
      if (isConflict(err)) return null;
      throw err;
    }
  }

  async replaceCampaign(campaign: Campaign, etag: string): Promise<Versioned<Campaign>> {
    const doc = await replaceIfMatch(
      this.schedule,
      { ...campaign, id: campaignDocId(campaign.campaignId), docType: 'campaign' },
      etag,
      campaign.tenantId,
    );
    return versioned<Campaign>(doc as unknown as Stored);
  }

  async latestCampaigns(tenantId: string, limit: number): Promise<Campaign[]> {
    const { resources } = await this.schedule.items
      .query<Stored>(
        {
          query: "SELECT TOP @n * FROM c WHERE c.tenantId = @t AND c.docType = 'campaign' ORDER BY c.campaignId DESC",
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@n', value: limit },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => versioned<Campaign>(r).value);
  }

  async addRecipient(recipient: Recipient): Promise<boolean> {
    try {
      await createOnce(this.schedule, {
        ...recipient,
        id: recipientDocId(recipient.campaignId, recipient.kind, recipient.userId),
        docType: 'campaign-recipient',
      });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async claimable(now: Date, limit: number): Promise<Array<Versioned<Recipient>>> {
    const { resources } = await this.schedule.items
      .query<Stored>({
        query:
          "SELECT TOP @n * FROM c WHERE c.docType = 'campaign-recipient' AND (c.status = 'queued' OR c.status = 'sending') AND c.availableAt <= @now ORDER BY c.availableAt",
        parameters: [
          { name: '@now', value: now.toISOString() },
          { name: '@n', value: limit },
        ],
      })
      .fetchAll();
    return resources.map((r) => versioned<Recipient>(r));
  }

  async getRecipient(
    tenantId: string,
    campaignId: string,
    kind: RecipientKind,
    userId: string,
  ): Promise<Versioned<Recipient> | null> {
    const doc = await readOrNull<Stored>(this.schedule, recipientDocId(campaignId, kind, userId), tenantId);
    return doc ? versioned<Recipient>(doc) : null;
  }

  async replaceRecipient(recipient: Recipient, etag: string): Promise<Versioned<Recipient>> {
    const doc = await replaceIfMatch(
      this.schedule,
      {
        ...recipient,
        id: recipientDocId(recipient.campaignId, recipient.kind, recipient.userId),
        docType: 'campaign-recipient',
      },
      etag,
      recipient.tenantId,
    );
    return versioned<Recipient>(doc as unknown as Stored);
  }

  async countByStatus(tenantId: string, campaignId: string): Promise<CampaignCounts> {
    const counts = await Promise.all(
      STATUSES.map(async (status) => {
        const { resources } = await this.schedule.items
          .query<number>(
            {
              query:
                "SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t AND c.docType = 'campaign-recipient' AND c.campaignId = @c AND c.status = @s",
              parameters: [
                { name: '@t', value: tenantId },
                { name: '@c', value: campaignId },
                { name: '@s', value: status },
              ],
            },
            { partitionKey: tenantId },
          )
          .fetchAll();
        return resources.reduce((sum, n) => sum + n, 0);
      }),
    );
    const by = Object.fromEntries(STATUSES.map((s, i) => [s, counts[i]])) as Record<RecipientStatus, number>;
    return {
      queued: by.queued + by.sending,
      sent: by.sent,
      failed: by.failed,
      skipped: by.skipped,
      uncertain: by.uncertain,
    };
  }

  async forgetUser(tenantId: string, userId: string): Promise<number> {
    const { resources } = await this.schedule.items
      .query<{ id: string }>(
        {
          query: "SELECT c.id FROM c WHERE c.tenantId = @t AND c.docType = 'campaign-recipient' AND c.userId = @u",
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@u', value: userId },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    for (const { id } of resources) {
      await this.schedule
        .item(id, tenantId)
        .delete()
        .catch((err) => {
          if (statusOf(err) !== 404) throw err;
        });
    }
    return resources.length;
  }
}

const LEDGER_ID = 'campaign-reminders';
interface LedgerDoc {
  id: string;
  userKey: string;
  tenantId: string;
  userId: string;
  campaigns: string[];
  updatedAt: string;
  docType: 'campaign-reminders';
}

/**
 * Each person's campaign reminders (which campaigns reminded them) in the `users`
 * container next to their opt-out, so erasing their data forgets it too. Conditional
 * writes: two instances counting at once cannot both pass the cap.
 */
export class CosmosReminderLedger implements ReminderLedger {
  constructor(private readonly users: Container) {}

  async reserve(tenantId: string, userId: string, campaignId: string, max: number, at: string): Promise<number | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await readOrNull<LedgerDoc>(this.users, LEDGER_ID, userKey(tenantId, userId));
      if (doc?.campaigns.includes(campaignId)) return doc.campaigns.length;
      if ((doc?.campaigns.length ?? 0) >= max) return null;
      const next: LedgerDoc = {
        id: LEDGER_ID,
        userKey: userKey(tenantId, userId),
        tenantId,
        userId,
        campaigns: [...(doc?.campaigns ?? []), campaignId],
        updatedAt: at,
        docType: 'campaign-reminders',
      };
      try {
        if (doc) await replaceIfMatch(this.users, next, doc._etag, next.userKey);
        else await createOnce(this.users, next);
        return next.campaigns.length;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    throw new Error('reminder ledger: too many concurrent changes');
  }

  async release(tenantId: string, userId: string, campaignId: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await readOrNull<LedgerDoc>(this.users, LEDGER_ID, userKey(tenantId, userId));
      if (!doc || !doc.campaigns.includes(campaignId)) return;
      const { _etag, ...rest } = doc;
      try {
        await replaceIfMatch(
          this.users,
          { ...rest, campaigns: doc.campaigns.filter((c) => c !== campaignId) },
          _etag,
          doc.userKey,
        );
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }

  async count(tenantId: string, userId: string): Promise<number> {
    return (await readOrNull<LedgerDoc>(this.users, LEDGER_ID, userKey(tenantId, userId)))?.campaigns.length ?? 0;
  }
}

/** Who finished the scan, from the result records in `scans` (partition /userKey). */
export class CosmosScanCompletion implements ScanCompletion {
  constructor(private readonly scans: Container) {}

  /** One query across partitions, once per campaign; no DISTINCT in the embedded store, so a Set. */
  async completedUserIds(tenantId: string): Promise<Set<string>> {
    const { resources } = await this.scans.items
      .query<{
        userId: string;
      }>({
        query: "SELECT c.userId FROM c WHERE c.docType = 'result' AND c.tenantId = @t",
        parameters: [{ name: '@t', value: tenantId }],
      })
      .fetchAll();
    return new Set(resources.map((r) => r.userId));
  }

  async hasCompleted(tenantId: string, userId: string): Promise<boolean> {
    const key = userKey(tenantId, userId);
    const { resources } = await this.scans.items
      .query<{
        id: string;
      }>(
        {
          query: "SELECT TOP 1 c.id FROM c WHERE c.userKey = @k AND c.docType = 'result'",
          parameters: [{ name: '@k', value: key }],
        },
        { partitionKey: key },
      )
      .fetchAll();
    return resources.length > 0;
  }
}

const SLOTS_ID = 'campaign-slots';

/** The tenant's send windows: one small record in `schedule` whose `until` only moves forward. */
export class CosmosSlotStore implements SlotStore {
  constructor(private readonly schedule: Container) {}

  async reserve(tenantId: string, slots: number, slotMs: number, nowMs: number): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const doc = await readOrNull<{ id: string; tenantId: string; until: number; docType: string }>(
        this.schedule,
        SLOTS_ID,
        tenantId,
      );
      const start = Math.max(nowMs, doc?.until ?? 0);
      const next = { id: SLOTS_ID, tenantId, until: start + slots * slotMs, docType: 'campaign-slots' };
      try {
        if (doc) await replaceIfMatch(this.schedule, next, doc._etag, tenantId);
        else await createOnce(this.schedule, next);
        return start;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    throw new Error('campaign send slots: too many concurrent reservations');
  }
}
