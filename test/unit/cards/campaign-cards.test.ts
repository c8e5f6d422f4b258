import assert from 'node:assert/strict';
import { reminderCard } from '../../../bot/cards/reminder-card';
import { teamUpdateCard } from '../../../bot/cards/team-update-card';
import { assertValidCard, cardText } from '../../helpers/cards';

describe('the campaign cards', () => {
  describe('the monthly reminder', () => {
    it('tells in Dutch how many of the team took the scan, why it helps, and how to stop the reminders', () => {
      const card = reminderCard({ participation: { completed: 8, members: 12 }, remindersLeft: 2 }, 'nl');
      assertValidCard(card, 'reminder nl');
      const words = cardText(card);
      assert.match(words, /8 van de 12 collega’s in je team deden de zelfscan al/);
      assert.match(words, /kwartier/);
      assert.match(words, /Typ \*\*hulp\*\*/);
      assert.match(words, /Typ \*\*geen herinneringen\*\*/);
      assert.doesNotMatch(words, /laatste herinnering/);
    });

    it('speaks English, and says when it is the last one', () => {
      const card = reminderCard({ participation: { completed: 0, members: 9 }, remindersLeft: 0 }, 'en');
      assertValidCard(card, 'reminder en');
      const words = cardText(card);
      assert.match(words, /Nobody in your team has taken the self-scan yet/);
      assert.match(words, /last reminder/);
      assert.match(words, /Type \*\*no reminders\*\*/);
    });

    it('names no numbers for a team whose figures are withheld', () => {
      assert.doesNotMatch(cardText(reminderCard({ participation: null, remindersLeft: 1 }, 'nl')), /\d+ van de \d+/);
    });

    it('starts the scan or asks a digicoach with one tap', () => {
      assert.deepEqual(
        (reminderCard({ participation: null, remindersLeft: 1 }, 'nl').actions ?? []).map((a) => a.verb),
        ['scan.start', 'help.start'],
      );
    });
  });

  describe("the leader's team message", () => {
    it('says "8 van de 12 in je team deden de scan" per team, and withholds a team below the threshold', () => {
      const card = teamUpdateCard(
        {
          teams: [
            { name: 'Groen Noord', participation: { completed: 8, members: 12 } },
            { name: 'Bomen', participation: null },
          ],
          threshold: 5,
        },
        'nl',
      );
      assertValidCard(card, 'leader nl');
      const words = cardText(card);
      assert.match(words, /\*\*Groen Noord\*\*: 8 van de 12 in je team deden de scan \(67%\)/);
      assert.match(words, /\*\*Bomen\*\*: geen aantallen, om je collega’s anoniem te houden\. .*minstens 5 mensen/);
      assert.doesNotMatch(words.split('Bomen')[1], /\d+ van de \d+/);
      assert.match(words, /95%/);
      assert.match(words, /geen herinneringen/);
    });

    it('speaks English', () => {
      const card = teamUpdateCard(
        { teams: [{ name: 'KCC', participation: { completed: 3, members: 6 } }], threshold: 5 },
        'en',
      );
      assertValidCard(card, 'leader en');
      assert.match(cardText(card), /3 of the 6 in your team took the scan \(50%\)/);
    });
  });
});
