import assert from 'node:assert/strict';
import path from 'node:path';
import { ContentIndex, type LearningModule, type Level } from '../../../../bot/domain/scan/content';
import { adviseTraining } from '../../../../bot/domain/scan/advice';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const catalogue = index.content.modules;
const profile = index.profilesById.get('beleidsmedewerker')!;
const STARTER: Level = 1;
const levelsAt = (overrides: Record<string, Level>, base: Level = 3): Record<string, Level> =>
  Object.fromEntries(Object.keys(profile.targets).map((d) => [d, overrides[d] ?? base]));

describe('the training advice', () => {
  it('puts the domains furthest below target first', () => {
    const domains = Object.keys(profile.targets);
    const levels = levelsAt({ [domains[0]]: 1, [domains[1]]: 2 }, 4);
    const advice = adviseTraining(catalogue, levels, profile.targets, 'nl');
    assert.equal(advice.focusDomains[0], domains[0]);
    assert.ok(advice.focusDomains.includes(domains[1]));
    assert.ok(advice.focusDomains.length >= 2 && advice.focusDomains.length <= 3);
  });

  it('advises modules that take the person one step up in their focus domains', () => {
    const domains = Object.keys(profile.targets);
    const levels = levelsAt({ [domains[0]]: 2, [domains[1]]: 2 }, 4);
    const advice = adviseTraining(catalogue, levels, profile.targets, 'nl');
    const first = advice.modules.filter((m) => m.domain === domains[0]);
    assert.ok(first.length > 0);
    assert.ok(first.every((m) => m.levels[0] >= 3 && m.levels[0] <= Math.max(3, profile.targets[domains[0]])));
    assert.ok(advice.modules.length <= 5);
    assert.ok(advice.modules.every((m) => advice.focusDomains.includes(m.domain)));
  });

  it('gives a Starter the level-1 basics first, then the next level up', () => {
    const buitendienst = index.profilesById.get('buitendienst') ?? profile;
    const starter = Object.fromEntries(Object.keys(buitendienst.targets).map((d) => [d, STARTER]));
    const advice = adviseTraining(catalogue, starter, buitendienst.targets, 'nl');
    assert.ok(advice.modules.length > 0);
    for (const domain of advice.focusDomains) {
      const mine = advice.modules.filter((m) => m.domain === domain);
      if (mine.length) assert.equal(mine[0].levels[0], 1, `${domain} starts with its basics`);
    }
    assert.ok(advice.intakeOffered);
  });

  it('never names a domain already at its target as a focus', () => {
    const domains = Object.keys(profile.targets);
    const levels = levelsAt({ [domains[0]]: 1 }, 4);
    const advice = adviseTraining(catalogue, levels, profile.targets, 'nl');
    assert.deepEqual(advice.focusDomains, [domains[0]]);
    assert.ok(advice.modules.some((m) => m.domain === domains[0] && m.levels[0] === 1));
  });

  it('mixes formats: two modules of one level are not of the same format when another exists', () => {
    for (const p of index.profilesById.values()) {
      const levels = Object.fromEntries(Object.keys(p.targets).map((d) => [d, STARTER]));
      const advice = adviseTraining(catalogue, levels, p.targets, 'nl');
      for (const d of new Set(advice.modules.map((m) => m.domain))) {
        const same = advice.modules.filter((m) => m.domain === d);
        const options = new Set(
          index.content.modules.filter((m) => m.domain === d && m.levels[0] === same[0].levels[0]).map((m) => m.format),
        );
        const pair = same.filter((m) => m.levels[0] === same[0].levels[0]);
        if (pair.length === 2 && options.size > 1) assert.notEqual(pair[0].format, pair[1].format, `${p.id}/${d}`);
      }
    }
  });

  it('can advise every module in the catalogue to someone (every result of every profile, in both languages)', () => {
    const reached = new Set<string>();
    for (const p of index.profilesById.values()) {
      const domains = Object.keys(p.targets);
      const combos = 4 ** domains.length;
      for (let n = 0; n < combos; n++) {
        const levels: Record<string, Level> = {};
        domains.forEach((d, i) => (levels[d] = ((Math.floor(n / 4 ** i) % 4) + 1) as Level));
        for (const locale of ['nl', 'en'] as const)
          for (const m of adviseTraining(catalogue, levels, p.targets, locale).modules) reached.add(m.id);
      }
    }
    const never = index.content.modules
      .filter((m) => !reached.has(m.id))
      .map((m) => `${m.id} (${m.domain}, levels ${m.levels.join(',')})`);
    assert.deepEqual(never, [], 'modules no result ever advises');
  });

  it('offers an intake with a digicoach only for the lowest results', () => {
    assert.equal(adviseTraining(catalogue, levelsAt({}, 1), profile.targets, 'nl').intakeOffered, true);
    assert.equal(adviseTraining(catalogue, levelsAt({}, 3), profile.targets, 'nl').intakeOffered, false);
  });

  it('still gives someone at or above every target something to grow in', () => {
    const advice = adviseTraining(
      catalogue,
      levelsAt({}, 4),
      Object.fromEntries(Object.keys(profile.targets).map((d) => [d, 2])),
      'nl',
    );
    assert.deepEqual(advice.focusDomains, []);
    const someGrowth = adviseTraining(
      catalogue,
      levelsAt({}, 3),
      Object.fromEntries(Object.keys(profile.targets).map((d) => [d, 2])),
      'nl',
    );
    assert.deepEqual(someGrowth.focusDomains, [], 'at or above target is not a focus');
    assert.ok(someGrowth.modules.length >= 2, 'but there are modules to grow');
    assert.ok(someGrowth.modules.every((m) => m.levels[0] === 4));
  });

  describe('with a municipality’s own catalogue', () => {
    const mod = (id: string, domain: string, levels: Level[], extra: Partial<LearningModule> = {}): LearningModule => ({
      id,
      domain,
      levels,
      title: { nl: id, en: id },
      description: { nl: '', en: '' },
      durationMinutes: 20,
      format: 'e-learning',
      languages: ['nl'],
      ...extra,
    });
    const domains = Object.keys(profile.targets);

    it('advises a module spanning levels 1–2 to a Starter and to someone at Starter aiming higher, and skips other profiles’ modules', () => {
      const own = [
        mod('both', domains[0], [1, 2]),
        mod('only-finance', domains[0], [1], { profiles: ['financieel'] }),
        mod('video', domains[0], [1], { format: 'video' }),
      ];
      const advice = adviseTraining(own, levelsAt({ [domains[0]]: STARTER }, 4), profile.targets, 'nl', profile.id);
      assert.deepEqual(advice.focusDomains, [domains[0]]);
      assert.deepEqual(advice.modules.map((m) => m.id).sort(), ['both', 'video']);
      const basis = adviseTraining(own, levelsAt({ [domains[0]]: 2 }, 4), profile.targets, 'nl', profile.id);
      assert.ok(!basis.modules.some((m) => m.id === 'video'), 'a level-1 module is not advised one level up');
    });

    it('keeps the rules with a catalogue of 100 imported modules: focus only below target, Starter basics first, every domain level reached', () => {
      const formats = ['e-learning', 'video', 'workshop', 'digicoach-session'] as const;
      const all = Object.keys(index.content.domains.reduce((o, d) => ({ ...o, [d.id]: 1 }), {}));
      const own = Array.from({ length: 100 }, (_, i) =>
        mod(`wk-${i}`, all[i % all.length], [((Math.floor(i / all.length) % 4) + 1) as Level], {
          format: formats[Math.floor(i / 28) % 4],
        }),
      );
      const reached = new Set<string>();
      for (const p of index.profilesById.values()) {
        const ds = Object.keys(p.targets);
        for (let n = 0; n < 4 ** ds.length; n++) {
          const levels: Record<string, Level> = {};
          ds.forEach((d, i) => (levels[d] = ((Math.floor(n / 4 ** i) % 4) + 1) as Level));
          const advice = adviseTraining(own, levels, p.targets, 'nl', p.id);
          for (const d of advice.focusDomains) assert.ok(levels[d] < p.targets[d], 'a focus is below its target');
          for (const m of advice.modules) {
            reached.add(m.id);
            if (levels[m.domain] === STARTER && advice.focusDomains.includes(m.domain))
              assert.ok(
                m.levels.includes(1) || advice.modules.filter((x) => x.domain === m.domain)[0].levels.includes(1),
              );
          }
        }
      }
      const domainsInProfiles = new Set([...index.profilesById.values()].flatMap((p) => Object.keys(p.targets)));
      // With several modules of one domain, level and format, advice picks the shortest; every level of every domain is reached.
      const classOf = (m: LearningModule) => `${m.domain}/${m.levels[0]}`;
      const reachedClasses = new Set(own.filter((m) => reached.has(m.id)).map(classOf));
      const never = [...new Set(own.filter((m) => domainsInProfiles.has(m.domain)).map(classOf))].filter(
        (c) => !reachedClasses.has(c),
      );
      assert.deepEqual(never, [], 'domain levels no result ever gets a module of');
    });
  });
});
