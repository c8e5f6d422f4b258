import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { isConflict } from '../domain/errors';
import type { PulseAnswer, PulseCounts, PulseRelease, PulseStore } from '../domain/pulse/pulse';
import { createOnce, readOrNull, replaceIfMatch } from './cosmos';
import { CounterBuffer } from './counter-buffer';

const SECRET_ID = 'pulse|secret';
const RELEASE_ID = 'pulse|release';
const markerId = (marker: string) => `pulse|marker|${marker}`;
const topicId = (topic: string) => `pulse|topic|${topic}`;

interface TopicDoc extends PulseCounts {
  id: string;
  tenantId: string;
  topic: string;
  updatedAt: string;
}

/**
 * The pulse in the `aggregates` container (partition /tenantId): counts per topic, the
 * one-way markers (nothing but a hash), the tenant's marker secret, and the daily release.
 * No document holds a user id.
 */
export class CosmosPulseStore implements PulseStore {
  private readonly buffer: CounterBuffer;

  constructor(
    private readonly container: Container,
    now: () => Date,
  ) {
    this.buffer = new CounterBuffer(container, now);
  }

  async secret(tenantId: string): Promise<string> {
    const found = await readOrNull<{ secret: string }>(this.container, SECRET_ID, tenantId);
    if (found) return found.secret;
    try {
      await createOnce(this.container, { id: SECRET_ID, tenantId, secret: randomBytes(32).toString('hex') });
    } catch (err) {
      if (!isConflict(err)) throw err; // made at the same moment by another answer: read that one
    }
    return (await readOrNull<{ secret: string }>(this.container, SECRET_ID, tenantId))!.secret;
  }

  async hasMarker(tenantId: string, marker: string): Promise<boolean> {
    return (await readOrNull(this.container, markerId(marker), tenantId)) !== null;
  }

  async mark(tenantId: string, marker: string): Promise<boolean> {
    try {
      await createOnce(this.container, { id: markerId(marker), tenantId });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  add(tenantId: string, topic: string, answer: PulseAnswer): Promise<void> {
    return this.buffer.add<TopicDoc>(
      topicId(topic),
      tenantId,
      () => ({
        id: topicId(topic),
        tenantId,
        topic,
        answers: 0,
        usefulSum: 0,
        recommendYes: 0,
        recommendNo: 0,
        updatedAt: '',
      }),
      (doc) => {
        doc.answers += 1;
        doc.usefulSum += answer.useful;
        if (answer.recommend === 'yes') doc.recommendYes += 1;
        if (answer.recommend === 'no') doc.recommendNo += 1;
      },
    );
  }

  async counts(tenantId: string): Promise<Map<string, PulseCounts>> {
    const { resources } = await this.container.items
      .query<TopicDoc>(
        {
          query: 'SELECT * FROM c WHERE c.tenantId = @t AND STARTSWITH(c.id, @p)',
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@p', value: 'pulse|topic|' },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return new Map(
      resources.map((r) => [
        r.topic,
        { answers: r.answers, usefulSum: r.usefulSum, recommendYes: r.recommendYes, recommendNo: r.recommendNo },
      ]),
    );
  }

  async getRelease(tenantId: string): Promise<{ value: PulseRelease; etag: string } | null> {
    const doc = await readOrNull<PulseRelease>(this.container, RELEASE_ID, tenantId);
    if (!doc) return null;
    return {
      value: { tenantId: doc.tenantId, period: doc.period, threshold: doc.threshold, topics: doc.topics },
      etag: doc._etag,
    };
  }

  async saveRelease(release: PulseRelease, etag: string | null): Promise<void> {
    const doc = { ...release, id: RELEASE_ID };
    if (etag === null) await createOnce(this.container, doc);
    else await replaceIfMatch(this.container, doc, etag, release.tenantId);
  }
}
