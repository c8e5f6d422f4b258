import assert from 'node:assert/strict';
import { menuCard } from '../../../bot/cards/menu-card';
import { noticeCard } from '../../../bot/cards/notice-card';
import { botChatUrl, personalChatCard } from '../../../bot/cards/personal-chat-card';
import { welcomeCard } from '../../../bot/cards/welcome-card';
import type { Locale } from '../../../bot/domain/org';
import { assertValidCard, cardText } from '../../helpers/cards';

describe('the foundation cards', () => {
  for (const locale of ['nl', 'en'] as Locale[]) {
    it(`are valid Adaptive Card 1.5 in ${locale}`, () => {
      assertValidCard(
        welcomeCard({ givenName: 'Fenna', teamKnown: true, anonymityThreshold: 5 }, locale),
        `welcome ${locale}`,
      );
      assertValidCard(welcomeCard({ teamKnown: false, anonymityThreshold: 7 }, locale), `welcome unknown ${locale}`);
      assertValidCard(menuCard({ isCoach: true, intro: true }, locale), `menu ${locale}`);
      assertValidCard(
        noticeCard({ titleKey: 'error.title', bodyKey: 'error.body', params: { ref: 'abc' } }, locale),
        `error ${locale}`,
      );
      assertValidCard(
        personalChatCard({ chatUrl: botChatUrl('0b7e2c1a-4d3f-4a5b-9c8d-1e2f3a4b5c6d') }, locale),
        `personal chat ${locale}`,
      );
      assertValidCard(personalChatCard({ chatUrl: null }, locale), `personal chat without link ${locale}`);
    });
  }

  it('point from a channel to the 1:1 chat with the bot by its app id', () => {
    const card = personalChatCard({ chatUrl: botChatUrl('0b7e2c1a-4d3f-4a5b-9c8d-1e2f3a4b5c6d') }, 'nl');
    assert.deepEqual(card.actions, [
      {
        type: 'Action.OpenUrl',
        title: 'Open de chat met Digivaardig',
        url: 'https://teams.microsoft.com/l/chat/0/0?users=28%3A0b7e2c1a-4d3f-4a5b-9c8d-1e2f3a4b5c6d',
      },
    ]);
    assert.equal(botChatUrl(undefined), null);
  });

  it('tell the anonymity threshold that is configured', () => {
    assert.match(cardText(welcomeCard({ teamKnown: true, anonymityThreshold: 7 }, 'nl')), /minstens 7 mensen/);
  });

  it('give every button a fallback for clients without Universal Actions', () => {
    const card = welcomeCard({ teamKnown: true, anonymityThreshold: 5 }, 'nl');
    for (const a of card.actions ?? []) {
      assert.equal(a.type, 'Action.Execute');
      assert.deepEqual((a.fallback as { data: unknown }).data, a.data);
    }
  });
});
