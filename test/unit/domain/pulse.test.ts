import assert from 'node:assert/strict';
import type { PulseAnswer, PulseCounts, PulseRelease, PulseStore } from '../../../bot/domain/pulse/pulse';
import { PulseService } from '../../../bot/domain/pulse/pulse';
import { pulseCard } from '../../../bot/cards/pulse/pulse-card';
import { withPulseOffers } from '../../../bot/teams/features/pulse-feature';
import type { Turn } from '../../../bot/teams/turn';
import { FakeClock, TUESDAY_MORNING } from '../../fakes/fake-clock';
import { assertValidCard } from '../../helpers/cards';

class MemoryPulseStore implements PulseStore {
  readonly markers = new Set<string>();
  readonly topics = new Map<string, PulseCounts>();
  release: { value: PulseRelease; etag: string } | null = null;
  async secret() {
    return 'secret';
  }
  async hasMarker(_t: string, m: string) {
    return this.markers.has(m);
  }
  async mark(_t: string, m: string) {
    if (this.markers.has(m)) return false;
    this.markers.add(m);
    return true;
  }
  async add(_t: string, topic: string, a: PulseAnswer) {
    const c = this.topics.get(topic) ?? { answers: 0, usefulSum: 0, recommendYes: 0, recommendNo: 0 };
    c.answers++;
    c.usefulSum += a.useful;
    if (a.recommend === 'yes') c.recommendYes++;
    if (a.recommend === 'no') c.recommendNo++;
    this.topics.set(topic, c);
  }
  async counts() {
    return new Map([...this.topics].map(([k, v]) => [k, { ...v }]));
  }
  async getRelease() {
    return this.release;
  }
  async saveRelease(r: PulseRelease) {
    this.release = { value: structuredClone(r), etag: String(Math.random()) };
  }
}

describe('the feedback pulse: anonymous counts, released like every other figure', () => {
  const k = 5;
  let store: MemoryPulseStore;
  let clock: FakeClock;
  let pulse: PulseService;
  const person = (i: number) => ({ tenantId: 't', userId: `u${i}` });
  const answer = (i: number, useful: number, recommend: 'yes' | 'no' | null = null) =>
    pulse.answer(person(i), { about: 'module', ref: 'mod-a', useful, recommend });

  beforeEach(() => {
    store = new MemoryPulseStore();
    clock = new FakeClock(TUESDAY_MORNING);
    pulse = new PulseService({ store, clock, eligible: async () => true });
  });

  it('keeps one answer per person and topic, with a marker that is not their id', async () => {
    assert.equal(await answer(1, 4), 'thanks');
    assert.equal(await answer(1, 1), 'already');
    assert.equal(store.topics.get('module:mod-a')?.answers, 1);
    assert.ok([...store.markers].every((m) => /^[0-9a-f]{64}$/.test(m) && !m.includes('u1')));
    assert.equal(await pulse.shouldOffer(person(1), 'module', 'mod-a'), false);
    assert.equal(await pulse.shouldOffer(person(2), 'module', 'mod-a'), true);
  });

  it('shows a topic from k answers, the next day, and moves it only when k more came', async () => {
    for (let i = 0; i < 4; i++) await answer(i, 4, 'yes');
    assert.deepEqual(await pulse.figures('t', k), [], 'four answers: nothing');
    await answer(4, 2, 'no');
    assert.deepEqual(await pulse.figures('t', k), [], 'the same day: the release of the morning');
    clock.advance(86_400_000);
    assert.deepEqual(await pulse.figures('t', k), [
      { about: 'module', moduleId: 'mod-a', answers: 5, meanUseful: 3.6, recommendRate: 0.8 },
    ]);
    await answer(5, 1);
    clock.advance(86_400_000);
    assert.equal((await pulse.figures('t', k))[0].answers, 5, 'one more answer is never visible on its own');
  });

  it('refuses an answer about something the person did not do, and a usefulness out of range', async () => {
    const strict = new PulseService({ store, clock, eligible: async () => false });
    await assert.rejects(strict.answer(person(1), { about: 'help', ref: 'x', useful: 3, recommend: null }));
    await assert.rejects(pulse.answer(person(1), { about: 'help', ref: 'x', useful: 6, recommend: null }));
    assert.equal(store.markers.size, 0);
  });

  it('offers the pulse under the card after a help request was rated, as a valid card', async () => {
    const features = withPulseOffers(
      {
        commands: {},
        actions: { 'help.rate': async () => ({ card: pulseCard({ about: 'help', ref: 'x', title: null }, 'nl') }) },
      },
      pulse,
      async () => null,
    );
    const turn = { user: { tenantId: 't', userId: 'u9', locale: 'nl' }, conversationId: 'c' } as unknown as Turn;
    const reply = await features.actions['help.rate']!(turn, { ticketId: 'ticket-1', rating: 5 });
    assert.equal(reply.followUps?.length, 1);
    assertValidCard(reply.followUps[0], 'pulse after help');
    assert.equal(JSON.stringify(reply.followUps[0]).includes('"about":"help"'), true);
    for (const locale of ['nl', 'en'] as const)
      assertValidCard(pulseCard({ about: 'module', ref: 'm', title: '[Klik](https://x)' }, locale), locale);
  });
});
