import type { Container } from '@azure/cosmos';
import type { LeadershipAnswers, LeadershipRepository } from '../domain/leadership/leadership-ports';
import { createOnce, readOrNull, replaceIfMatch, statusOf } from './cosmos';
import { userKey } from './containers';

const DOC_ID = 'leadership';

/** The leadership scan in the `scans` container, next to the user's self-scan (partition /userKey). */
export class CosmosLeadershipRepository implements LeadershipRepository {
  constructor(private readonly container: Container) {}

  async get(tenantId: string, userId: string): Promise<{ value: LeadershipAnswers; etag: string } | null> {
    const doc = await readOrNull<LeadershipAnswers & { id: string; userKey: string }>(
      this.container,
      DOC_ID,
      userKey(tenantId, userId),
    );
    if (!doc) return null;
    const { tenantId: t, userId: u, answers, startedAt, updatedAt, completedAt, scores, answersRemovedAt } = doc;
    return {
      value: {
        tenantId: t,
        userId: u,
        answers,
        startedAt,
        updatedAt,
        completedAt,
        ...(scores ? { scores, answersRemovedAt } : {}),
      },
      etag: doc._etag,
    };
  }

  async save(value: LeadershipAnswers, etag: string | null): Promise<void> {
    const key = userKey(value.tenantId, value.userId);
    const doc = { ...value, id: DOC_ID, userKey: key, docType: 'leadership' };
    if (etag === null) await createOnce(this.container, doc);
    else await replaceIfMatch(this.container, doc, etag, key);
  }

  async delete(tenantId: string, userId: string): Promise<void> {
    try {
      await this.container.item(DOC_ID, userKey(tenantId, userId)).delete();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
}
