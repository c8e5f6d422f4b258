import assert from 'node:assert/strict';
import path from 'node:path';
import { ContentIndex, type Level } from '../../../../bot/domain/scan/content';
import { adviseTraining } from '../../../../bot/domain/scan/advice';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const profile = index.profilesById.get('beleidsmedewerker')!;
const levelsAt = (overrides: Record<string, Level>, base: Level = 3): Record<string, Level> =>
  Object.fromEntries(Object.keys(profile.targets).map((d) => [d, overrides[d] ?? base]));

describe('the training advice', () => {
  it('puts the domains furthest below target first', () => {
    const domains = Object.keys(profile.targets);
    const levels = levelsAt({ [domains[0]]: 1, [domains[1]]: 2 }, 4);
    const advice = adviseTraining(index, levels, profile.targets, 'nl');
    assert.equal(advice.focusDomains[0], domains[0]);
    assert.ok(advice.focusDomains.includes(domains[1]));
    assert.ok(advice.focusDomains.length >= 2 && advice.focusDomains.length <= 3);
  });

  it('advises modules that take the person one step up in their focus domains', () => {
    const domains = Object.keys(profile.targets);
    const levels = levelsAt({ [domains[0]]: 1 }, 4);
    const advice = adviseTraining(index, levels, profile.targets, 'nl');
    const first = advice.modules.filter((m) => m.domain === domains[0]);
    assert.ok(first.length > 0);
    assert.ok(first.every((m) => m.level === 2 || m.level <= profile.targets[domains[0]]));
    assert.ok(advice.modules.length <= 5);
    assert.ok(advice.modules.every((m) => advice.focusDomains.includes(m.domain)));
  });

  it('offers an intake with a digicoach only for the lowest results', () => {
    assert.equal(adviseTraining(index, levelsAt({}, 1), profile.targets, 'nl').intakeOffered, true);
    assert.equal(adviseTraining(index, levelsAt({}, 3), profile.targets, 'nl').intakeOffered, false);
  });

  it('still gives someone at or above every target something to grow in', () => {
    const advice = adviseTraining(
      index,
      levelsAt({}, 4),
      Object.fromEntries(Object.keys(profile.targets).map((d) => [d, 2])),
      'nl',
    );
    assert.deepEqual(advice.focusDomains, []);
    const someGrowth = adviseTraining(
      index,
      levelsAt({}, 3),
      Object.fromEntries(Object.keys(profile.targets).map((d) => [d, 2])),
      'nl',
    );
    assert.equal(someGrowth.focusDomains.length, 2);
    assert.ok(someGrowth.modules.every((m) => m.level === 4));
  });
});
