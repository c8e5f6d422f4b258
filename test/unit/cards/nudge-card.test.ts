import assert from 'node:assert/strict';
import { nudgeCard } from '../../../bot/cards/nudge-card';
import { assertValidCard, cardText } from '../../helpers/cards';

describe('the participation nudge card', () => {
  it('tells the team in Dutch how many colleagues took the scan, why, and how to ask a digicoach', () => {
    const card = nudgeCard({ participation: { completed: 4, members: 7 } }, 'nl');
    assertValidCard(card, 'nudge nl');
    const words = cardText(card);
    assert.match(words, /4 van de 7 collega’s in je team hebben de zelfscan al gedaan/);
    assert.match(words, /Typ \*\*hulp\*\*/);
    assert.match(words, /alleen aantallen/);
    assert.match(words, /herinneringen/);
  });

  it('speaks English to an English-speaking colleague', () => {
    const card = nudgeCard({ participation: { completed: 0, members: 9 } }, 'en');
    assertValidCard(card, 'nudge en');
    assert.match(cardText(card), /Nobody in your team has taken the self-scan yet/);
  });

  it('names no numbers for a team too small to be anonymous', () => {
    const words = cardText(nudgeCard({ participation: null }, 'nl'));
    assert.doesNotMatch(words, /\d+ van de \d+/);
    assert.match(words, /zelfscan/);
  });

  it('offers to start the scan and to ask a digicoach, as Universal Actions', () => {
    const verbs = (nudgeCard({ participation: null }, 'nl').actions ?? []).map((a) => a.verb);
    assert.deepEqual(verbs, ['scan.start', 'help.start']);
  });
  it('thanks a colleague who already took the scan and offers their result instead, in both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      const card = nudgeCard({ participation: { completed: 4, members: 7 }, done: true }, locale);
      assertValidCard(card, `nudge done ${locale}`);
      assert.deepEqual(
        (card.actions ?? []).map((a) => a.verb),
        ['scan.result', 'help.start'],
      );
    }
    const words = cardText(nudgeCard({ participation: null, done: true }, 'nl'));
    assert.match(words, /Jij deed de zelfscan al: dank je wel!/);
    assert.doesNotMatch(words, /Doe jij ook mee/);
  });
});
