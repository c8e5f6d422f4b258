import assert from 'node:assert/strict';
import path from 'node:path';
import { ContentIndex, type Item } from '../../../../bot/domain/scan/content';
import { type GivenAnswer, ScanEngine, STOP_RULE } from '../../../../bot/domain/scan/engine';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';
import { type AnswerValue, classify, posterior } from '../../../../bot/domain/scan/model';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const adaptive = new ScanEngine(index, 'adaptive');
const full = new ScanEngine(index, 'full');

/** Answers like a person who can everything up to `level` and nothing above it. */
function personAt(level: number) {
  return (item: Item): AnswerValue => {
    const can = item.difficulty <= level;
    if (item.type === 'self') return can ? (item.difficulty < level ? 4 : 3) : item.difficulty === level + 1 ? 2 : 1;
    return can ? (item.answer as AnswerValue) : 'unknown';
  };
}

function run(engine: ScanEngine, profileId: string, answer: (item: Item) => AnswerValue): GivenAnswer[] {
  const answers: GivenAnswer[] = [];
  for (let item = engine.next(profileId, answers); item; item = engine.next(profileId, answers))
    answers.push({ itemId: item.id, value: answer(item) });
  return answers;
}

describe('the scan engine', () => {
  it('asks every item of the profile in full mode, never more than 120', () => {
    for (const profile of index.content.profiles) {
      const answers = run(full, profile.id, personAt(2));
      assert.equal(answers.length, full.fullItems(profile.id).length);
      assert.ok(answers.length <= 120, `${profile.id}: ${answers.length}`);
    }
  });

  it('finds a consistent person’s level in every domain, in adaptive and full mode', () => {
    for (const level of [1, 2, 3, 4]) {
      const a = adaptive.levels('beleidsmedewerker', run(adaptive, 'beleidsmedewerker', personAt(level)));
      const f = full.levels('beleidsmedewerker', run(full, 'beleidsmedewerker', personAt(level)));
      assert.deepEqual(new Set(Object.values(a)), new Set([level]), `adaptive at level ${level}`);
      assert.deepEqual(new Set(Object.values(f)), new Set([level]), `full at level ${level}`);
    }
  });

  it('stops early for a clear answer pattern, within the per-domain cap', () => {
    const answers = run(adaptive, 'buitendienst', personAt(4));
    const perDomain = new Map<string, number>();
    for (const a of answers)
      perDomain.set(
        index.itemsById.get(a.itemId)!.domain,
        (perDomain.get(index.itemsById.get(a.itemId)!.domain) ?? 0) + 1,
      );
    for (const [domain, n] of perDomain) {
      assert.ok(n >= STOP_RULE.minItems && n <= STOP_RULE.maxItems, `${domain}: ${n} items`);
    }
    assert.ok(answers.length < full.fullItems('buitendienst').length * 0.4);
  });

  it('asks at least one knowledge or scenario check per domain', () => {
    const answers = run(adaptive, 'financieel', personAt(3));
    for (const domain of index.profileDomains('financieel')) {
      assert.ok(
        answers.some((a) => {
          const i = index.itemsById.get(a.itemId)!;
          return i.domain === domain && i.type !== 'self';
        }),
        domain,
      );
    }
  });

  it('is a pure function of the answers: the same answers give the same next question', () => {
    const answers = run(adaptive, 'ondersteunend', personAt(2)).slice(0, 9);
    assert.equal(adaptive.next('ondersteunend', answers)?.id, adaptive.next('ondersteunend', [...answers])?.id);
  });

  it('varies the checks between scans, but asks the same again for the same scan and answers (resume, "Vorige")', () => {
    const firstCheck = (seed: string) => {
      const engine = new ScanEngine(index, 'adaptive', seed);
      const answers = run(engine, 'klantcontact', personAt(2));
      return answers.find((a) => index.itemsById.get(a.itemId)!.type !== 'self')!.itemId;
    };
    const seeds = Array.from({ length: 12 }, (_, n) => `session-${n}`);
    assert.ok(new Set(seeds.map(firstCheck)).size >= 3, 'different scans get different checks');
    for (const seed of seeds.slice(0, 5)) {
      const engine = new ScanEngine(index, 'adaptive', seed);
      const answers = run(engine, 'klantcontact', personAt(3)).slice(0, 11);
      const again = new ScanEngine(index, 'adaptive', seed);
      assert.equal(again.next('klantcontact', answers)?.id, engine.next('klantcontact', [...answers])?.id, seed);
    }
  });

  it('asks a job profile only the items meant for it', () => {
    for (const profile of index.content.profiles) {
      for (const seed of ['s1', 's2', 's3']) {
        for (const level of [1, 4]) {
          for (const a of run(new ScanEngine(index, 'adaptive', seed), profile.id, personAt(level))) {
            const item = index.itemsById.get(a.itemId)!;
            assert.ok(!item.profiles || item.profiles.includes(profile.id), `${profile.id} got ${item.id}`);
          }
        }
      }
      for (const item of full.fullItems(profile.id))
        assert.ok(!item.profiles || item.profiles.includes(profile.id), `${profile.id} full scan got ${item.id}`);
    }
  });

  it('lets failed checks pull down generous self-ratings: over-rating oneself shows', () => {
    const FOUR: AnswerValue = 4;
    const UNKNOWN: AnswerValue = 'unknown';
    const domainItems = index.itemsByDomain.get('safety')!;
    const claims = domainItems.filter((i) => i.type === 'self').map((item) => ({ item, value: FOUR }));
    const checks = domainItems.filter((i) => i.type !== 'self');
    const honest = classify(
      posterior([...claims, ...checks.map((item) => ({ item, value: item.answer as AnswerValue }))]),
    );
    const overRated = classify(posterior([...claims, ...checks.map((item) => ({ item, value: UNKNOWN }))]));
    assert.equal(honest, 4);
    assert.ok(overRated < honest, `claims with failed checks land lower (${overRated})`);
  });

  it('treats "weet ik niet" on a self-rating as no information', () => {
    const item = index.itemsByDomain.get('devices')!.find((i) => i.type === 'self')!;
    assert.deepEqual(posterior([{ item, value: 'unknown' }]), posterior([]));
  });

  it('estimates the length honestly: the estimate never falls below the question number', () => {
    const answers = run(adaptive, 'uitvoerend', personAt(1));
    for (let i = 0; i < answers.length; i++) {
      const p = adaptive.progress('uitvoerend', answers.slice(0, i));
      assert.equal(p.position, i + 1);
      assert.ok(p.estimatedTotal >= p.position);
    }
  });
});
