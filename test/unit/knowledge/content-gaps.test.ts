import assert from 'node:assert/strict';
import {
  countGap,
  GAP_FORGET_WEEKS,
  GAP_MAX,
  GAP_MIN_COUNT,
  type GapCounts,
  normaliseGap,
  visibleGaps,
} from '../../../bot/domain/knowledge/content-gaps';

describe('content gaps: searches that found nothing, counted without who asked', () => {
  it('count the same question however it is typed: case, accents, punctuation and spaces do not matter', () => {
    assert.equal(normaliseGap('  Wáár kan ik PARKEREN, bij het stadhuis?! '), 'waar kan ik parkeren bij het stadhuis');
    assert.equal(normaliseGap('waar kan ik parkeren bij het stadhuis'), 'waar kan ik parkeren bij het stadhuis');
  });

  it('drop numbers, e-mail addresses and links, and keep nothing of a question with no words left', () => {
    assert.equal(
      normaliseGap('bel 06-12345678 of mail jan@gent.be, zie https://intranet/x?id=42 over het pasje'),
      'bel of mail zie over het pasje',
    );
    assert.equal(normaliseGap('12345'), null);
    assert.equal(normaliseGap('?!'), null);
    assert.ok(normaliseGap('a'.repeat(200))!.length <= 80);
  });

  it(`show a question only from ${GAP_MIN_COUNT} searches on, most searched first`, () => {
    const gaps: GapCounts = {};
    for (let i = 0; i < GAP_MIN_COUNT - 1; i++) countGap(gaps, 'rare vraag met een naam', '2026-W48');
    for (let i = 0; i < GAP_MIN_COUNT + 2; i++) countGap(gaps, 'parkeren', '2026-W47');
    for (let i = 0; i < GAP_MIN_COUNT; i++) countGap(gaps, 'koffieautomaat', '2026-W48');
    assert.deepEqual(visibleGaps(gaps), [
      { query: 'parkeren', count: GAP_MIN_COUNT + 2, lastWeek: '2026-W47' },
      { query: 'koffieautomaat', count: GAP_MIN_COUNT, lastWeek: '2026-W48' },
    ]);
  });

  it(`forget a rare question after ${GAP_FORGET_WEEKS} weeks without a new search, but keep the shown ones`, () => {
    const gaps: GapCounts = {};
    countGap(gaps, 'eenmalige vraag', '2026-W01');
    for (let i = 0; i < GAP_MIN_COUNT; i++) countGap(gaps, 'parkeren', '2026-W01');
    countGap(gaps, 'iets anders', '2026-W13');
    assert.ok('eenmalige vraag' in gaps, 'twelve weeks later it is still there');
    countGap(gaps, 'iets anders', '2026-W14');
    assert.ok(!('eenmalige vraag' in gaps), 'after more than twelve weeks it is gone');
    assert.ok('parkeren' in gaps, 'a question at the minimum stays');
  });

  it(`keep at most ${GAP_MAX} questions, letting the rarest and longest unseen go first`, () => {
    const gaps: GapCounts = {};
    for (let i = 0; i < GAP_MIN_COUNT; i++) countGap(gaps, 'vaak gevraagd', '2026-W40');
    for (let i = 0; i < GAP_MAX + 20; i++)
      countGap(gaps, `vraag nummer ${String.fromCharCode(97 + (i % 26))} ${i}`, '2026-W48');
    assert.equal(Object.keys(gaps).length, GAP_MAX);
    assert.ok('vaak gevraagd' in gaps);
  });
});
