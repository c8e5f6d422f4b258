import type { Container } from '@azure/cosmos';
import type { NudgeRepository, TeamNudge } from '../domain/dashboard/nudge-ports';
import { ERASED } from '../domain/privacy/erasure';
import type { TeamReminderSenders } from '../domain/privacy/privacy-ports';
import { isConflict } from '../domain/errors';
import { AppError } from '../domain/errors';
import { createOnce, readOrNull, replaceIfMatch, statusOf } from './cosmos';
import { userKey } from './containers';

const teamNudgeId = (teamId: string) => `nudge|team|${teamId}`;
/** The stored id predates the name "reminders off"; it stays, so everyone's earlier choice still counts. */
const REMINDERS_OFF_ID = 'nudge-optout';
/** Documents written before the rename carry `optOut` (a person's switch) and `optedOut` (a nudge's count). */
type Legacy = { optOut?: boolean; optedOut?: number | null };

/**
 * Team nudge records in the `schedule` container (partition /tenantId), where the
 * app's other timed sends live; a person's "reminders off" switch in the `users` container next to
 * their other preferences (partition /userKey).
 */
export class CosmosNudgeRepository implements NudgeRepository, TeamReminderSenders {
  constructor(
    private readonly schedule: Container,
    private readonly users: Container,
  ) {}

  async getTeamNudge(tenantId: string, teamId: string): Promise<{ value: TeamNudge; etag: string } | null> {
    const doc = await readOrNull<TeamNudge & Legacy & { id: string }>(this.schedule, teamNudgeId(teamId), tenantId);
    if (!doc) return null;
    const { tenantId: t, teamId: team, lastSentAt, sentBy, sent, unreachable } = doc;
    const remindersOff = doc.remindersOff ?? doc.optedOut ?? null;
    return {
      value: { tenantId: t, teamId: team, lastSentAt, sentBy, sent, unreachable, remindersOff },
      etag: doc._etag,
    };
  }

  async saveTeamNudge(nudge: TeamNudge, etag: string | null): Promise<string> {
    const doc = { ...nudge, id: teamNudgeId(nudge.teamId), docType: 'team-nudge' };
    const saved =
      etag === null
        ? await createOnce(this.schedule, doc)
        : await replaceIfMatch(this.schedule, doc, etag, nudge.tenantId);
    return saved._etag;
  }

  async deleteTeamNudge(tenantId: string, teamId: string, etag: string): Promise<void> {
    try {
      await this.schedule
        .item(teamNudgeId(teamId), tenantId)
        .delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      if (statusOf(err) === 404) return;
      if (statusOf(err) === 412) throw new AppError('conflict', 409, 'error.conflict');
      throw err;
    }
  }

  async forgetSender(tenantId: string, userId: string): Promise<number> {
    const query = {
      query: "SELECT * FROM c WHERE c.docType = 'team-nudge' AND c.sentBy = @u",
      parameters: [{ name: '@u', value: userId }],
    };
    let forgotten = 0;
    // A record changed meanwhile (another leader sent a reminder) is read again; one no longer theirs drops out.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { resources } = await this.schedule.items
        .query<TeamNudge & { id: string; _etag: string }>(query, { partitionKey: tenantId })
        .fetchAll();
      if (resources.length === 0) return forgotten;
      for (const { _etag, ...doc } of resources) {
        try {
          await replaceIfMatch(this.schedule, { ...doc, sentBy: ERASED }, _etag, tenantId);
          forgotten++;
        } catch (err) {
          if (!isConflict(err)) throw err;
        }
      }
    }
    throw new Error(`team reminder records of ${tenantId} kept changing while erasing their sender`);
  }

  async remindersOff(tenantId: string, userId: string): Promise<boolean> {
    const doc = await readOrNull<{ remindersOff?: boolean } & Legacy>(
      this.users,
      REMINDERS_OFF_ID,
      userKey(tenantId, userId),
    );
    return (doc?.remindersOff ?? doc?.optOut) === true;
  }

  async setRemindersOff(tenantId: string, userId: string, remindersOff: boolean, at: string): Promise<void> {
    await this.users.items.upsert({
      id: REMINDERS_OFF_ID,
      userKey: userKey(tenantId, userId),
      tenantId,
      userId,
      remindersOff,
      updatedAt: at,
      docType: 'nudge-optout',
    });
  }
}
