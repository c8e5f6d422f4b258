import assert from 'node:assert/strict';
import path from 'node:path';
import { ContentIndex } from '../../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../../bot/domain/scan/load-content';
import { optionOrder } from '../../../../bot/domain/scan/option-order';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', '..', 'seeds', 'scan')));
const scenarios = index.content.items.filter((i) => i.type === 'scenario');
const users = Array.from({ length: 400 }, (_, n) => `user-${n}`);

describe('the order of a scenario’s options', () => {
  it('shows every option exactly once', () => {
    for (const item of scenarios) {
      const ids = optionOrder(item, 'user-1').map((o) => o.id);
      assert.deepEqual([...ids].sort(), item.options!.map((o) => o.id).sort(), item.id);
    }
  });

  it('is the same every time the same person sees the same question (resume, "Vorige")', () => {
    for (const item of scenarios) {
      assert.deepEqual(optionOrder(item, 'user-7'), optionOrder(item, 'user-7'), item.id);
    }
  });

  it('differs between people, so the place of the right answer is no tip to pass on', () => {
    for (const item of scenarios) {
      const orders = new Set(
        users.map((u) =>
          optionOrder(item, u)
            .map((o) => o.id)
            .join(''),
        ),
      );
      assert.ok(orders.size >= 6, `${item.id}: only ${orders.size} different orders`);
    }
  });

  it('puts the right answer in every position about equally often', () => {
    for (const item of scenarios) {
      const n = item.options!.length;
      const counts = Array.from({ length: n }, () => 0);
      for (const u of users) counts[optionOrder(item, u).findIndex((o) => o.id === item.answer)]++;
      for (const c of counts) {
        assert.ok(
          Math.abs(c / users.length - 1 / n) < 0.09,
          `${item.id}: right answer per position ${counts.join('/')}`,
        );
      }
    }
  });

  it('varies between questions for one person', () => {
    const places = scenarios.map((item) => optionOrder(item, 'user-3').findIndex((o) => o.id === item.answer));
    assert.ok(new Set(places).size >= 3, `right answer places for one person: ${places.join(',')}`);
  });
});
