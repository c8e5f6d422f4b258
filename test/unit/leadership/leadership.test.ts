import assert from 'node:assert/strict';
import path from 'node:path';
import { AppError } from '../../../bot/domain/errors';
import { readLeadershipContent } from '../../../bot/domain/leadership/leadership-content';
import type { LeadershipAnswers, LeadershipRepository } from '../../../bot/domain/leadership/leadership-ports';
import { bandOf, scoreLeadership } from '../../../bot/domain/leadership/leadership-scoring';
import { LeadershipService } from '../../../bot/domain/leadership/leadership-service';

const content = readLeadershipContent(path.join(__dirname, '..', '..', '..', 'seeds', 'leadership'));

/** In memory, with ETags, like the Cosmos repository. */
class MemoryLeadership implements LeadershipRepository {
  private readonly docs = new Map<string, { value: LeadershipAnswers; etag: string }>();
  private n = 0;
  async get(t: string, u: string) {
    return structuredClone(this.docs.get(`${t}|${u}`) ?? null);
  }
  async save(doc: LeadershipAnswers, etag: string | null) {
    const key = `${doc.tenantId}|${doc.userId}`;
    if ((this.docs.get(key)?.etag ?? null) !== etag) throw new AppError('conflict', 409, 'error.conflict');
    this.docs.set(key, { value: structuredClone(doc), etag: `e${++this.n}` });
  }
  async delete(t: string, u: string) {
    this.docs.delete(`${t}|${u}`);
  }
}

const all = (value: number) => Object.fromEntries(content.items.map((i) => [i.id, value]));
const me = { tenantId: 'T', userId: 'leader' };

describe('the leadership scan', () => {
  it('scores each dimension as the mean of its statements, turning reverse-scored ones around', () => {
    const scores = scoreLeadership(content, all(5));
    for (const s of scores) {
      const reversed = content.items.some((i) => i.dimension === s.dimension && i.reverse);
      assert.equal(s.mean, reversed ? (5 + 5 + 5 + 1) / 4 : 5, s.dimension);
      assert.equal(s.answered, 4);
    }
    assert.deepEqual(
      scoreLeadership(content, all(3)).map((s) => s.percent),
      [50, 50, 50, 50, 50],
    );
  });

  it('puts a dimension in the low, middle or high band', () => {
    assert.deepEqual(
      [bandOf(1), bandOf(2.49), bandOf(2.5), bandOf(3.74), bandOf(3.75), bandOf(5)],
      ['low', 'low', 'mid', 'mid', 'high', 'high'],
    );
  });

  it('completes only when every statement is answered, merging answers given one at a time', async () => {
    const service = new LeadershipService({
      content,
      repo: new MemoryLeadership(),
      clock: { now: () => new Date('2026-03-01T10:00:00Z') },
    });
    const ids = content.items.map((i) => i.id);
    for (const [n, id] of ids.entries()) {
      const r = await service.answer(me, { answers: { [id]: 4 } });
      assert.equal(r.answered, n + 1);
      assert.equal(r.completedAt === null, n + 1 < ids.length);
    }
    const result = await service.result(me, 'en');
    assert.equal(result.profile.length, 5);
    assert.equal(result.focus.length, 2);
    assert.ok(result.conversationCards.every((c) => c.question.endsWith('?')));
    assert.match(result.links.find((l) => l.id === 'digicoach-inschakelen')!.title, /digicoach/);
  });

  it('advises from the band: low advice for low scores, and cards for the two weakest dimensions first', async () => {
    const service = new LeadershipService({ content, repo: new MemoryLeadership(), clock: { now: () => new Date() } });
    const answers = all(5);
    for (const i of content.items) if (i.dimension === 'lead-change') answers[i.id] = i.reverse ? 5 : 1;
    await service.answer(me, { answers });
    const result = await service.result(me, 'nl');
    const change = result.profile.find((p) => p.dimension === 'lead-change')!;
    assert.equal(change.band, 'low');
    assert.equal(change.advice, content.dimensions.find((d) => d.id === 'lead-change')!.advice.low.nl);
    assert.equal(result.focus[0], 'lead-change');
    assert.equal(result.conversationCards[0].dimension, 'lead-change');
  });

  it('rejects anything but known statements with whole numbers 1 to 5', async () => {
    const service = new LeadershipService({ content, repo: new MemoryLeadership(), clock: { now: () => new Date() } });
    for (const body of [
      null,
      [],
      { answers: [] },
      { answers: { __proto__: 3 } },
      { answers: { 'lead-01': 5.5 } },
      { answers: { 'lead-01': null } },
      { answers: { constructor: 3 } },
    ]) {
      await assert.rejects(
        service.answer(me, body),
        (e: unknown) => e instanceof AppError && e.status === 400,
        JSON.stringify(body),
      );
    }
  });

  it('has no result before the scan is complete', async () => {
    const service = new LeadershipService({ content, repo: new MemoryLeadership(), clock: { now: () => new Date() } });
    await service.answer(me, { answers: { 'lead-01': 3 } });
    await assert.rejects(service.result(me, 'nl'), (e: unknown) => e instanceof AppError && e.status === 404);
  });
});
