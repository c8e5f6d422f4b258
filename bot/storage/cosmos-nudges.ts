import type { Container } from '@azure/cosmos';
import type { NudgeRepository, TeamNudge } from '../domain/dashboard/nudge-ports';
import { AppError } from '../domain/errors';
import { createOnce, readOrNull, replaceIfMatch, statusOf } from './cosmos';
import { userKey } from './containers';

const teamNudgeId = (teamId: string) => `nudge|team|${teamId}`;
const OPT_OUT_ID = 'nudge-optout';

/**
 * Team nudge records in the `schedule` container (partition /tenantId), where the
 * app's other timed sends live; a person's opt-out in the `users` container next to
 * their other preferences (partition /userKey).
 */
export class CosmosNudgeRepository implements NudgeRepository {
  constructor(
    private readonly schedule: Container,
    private readonly users: Container,
  ) {}

  async getTeamNudge(tenantId: string, teamId: string): Promise<{ value: TeamNudge; etag: string } | null> {
    const doc = await readOrNull<TeamNudge & { id: string }>(this.schedule, teamNudgeId(teamId), tenantId);
    if (!doc) return null;
    const { tenantId: t, teamId: team, lastSentAt, sentBy, sent, unreachable, optedOut } = doc;
    return { value: { tenantId: t, teamId: team, lastSentAt, sentBy, sent, unreachable, optedOut }, etag: doc._etag };
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

  async isOptedOut(tenantId: string, userId: string): Promise<boolean> {
    const doc = await readOrNull<{ optOut: boolean }>(this.users, OPT_OUT_ID, userKey(tenantId, userId));
    return doc?.optOut === true;
  }

  async setOptOut(tenantId: string, userId: string, optOut: boolean, at: string): Promise<void> {
    await this.users.items.upsert({
      id: OPT_OUT_ID,
      userKey: userKey(tenantId, userId),
      tenantId,
      userId,
      optOut,
      updatedAt: at,
      docType: 'nudge-optout',
    });
  }
}
