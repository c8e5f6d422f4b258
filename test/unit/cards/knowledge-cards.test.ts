import assert from 'node:assert/strict';
import type { Locale } from '../../../bot/domain/org';
import { articleCard } from '../../../bot/cards/knowledge/article-card';
import { suggestionsCard } from '../../../bot/cards/knowledge/suggestions-card';
import { helpRequestCard } from '../../../bot/cards/help/help-request-card';
import { assertValidCard, cardText, cardVerbs, walk } from '../../helpers/cards';
import { starterKnowledge } from '../../helpers/knowledge';

const LOCALES: Locale[] = ['nl', 'en'];
const { articles } = starterKnowledge();
const byId = (id: string) => articles.find((a) => a.id === id)!;

/** The data of the first Action.Execute with this verb, wherever it sits on the card (also inside a ShowCard). */
function dataOf(card: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walk(card, (el) => {
    if (!found && el.type === 'Action.Execute' && el.verb === verb) found = el.data as Record<string, unknown>;
  });
  return found;
}

describe('knowledge base cards', () => {
  it('every starter article is a valid, small card in both languages, with numbered steps and no bot actions', () => {
    for (const locale of LOCALES)
      for (const article of articles) {
        const card = articleCard(article, locale);
        assertValidCard(card, `${article.id} ${locale}`);
        assert.match(cardText(card), new RegExp(`^1\\. ${escape(article.steps[locale][0])}`, 'm'));
        assert.deepEqual(cardVerbs(card), [], 'inserted into any chat: nothing to tap for the bot');
      }
  });

  it('"Misschien helpt dit al" shows up to 3 articles that open with their steps and "Dit hielp me"', () => {
    for (const locale of LOCALES) {
      const three = ['teams-share-file', 'onedrive-share-link', 'outlook-large-attachment'].map(byId);
      const card = suggestionsCard(
        {
          question: 'Hoe deel ik een bestand in Teams?',
          articles: [...three, byId('payslip-view')],
          escalate: { kind: 'help', topic: 'communication', question: 'Hoe deel ik een bestand in Teams?' },
        },
        locale,
      );
      assertValidCard(card, `suggestions ${locale}`);
      const text = cardText(card);
      assert.match(text, locale === 'nl' ? /Misschien helpt dit al/ : /Maybe this helps/);
      assert.match(text, /Hoe deel ik een bestand in Teams\?/);
      for (const a of three) assert.ok(text.includes(a.title[locale]), a.id);
      assert.ok(!text.includes(byId('payslip-view').title[locale]), 'at most 3 articles');
      const helped = cardVerbs(card).filter((v) => v === 'knowledge.helped');
      assert.equal(helped.length, 3, 'one "Dit hielp me" per article');
      assert.deepEqual(dataOf(card, 'knowledge.helped'), { verb: 'knowledge.helped', a: 'teams-share-file' });
      assert.deepEqual(dataOf(card, 'knowledge.escalate'), {
        verb: 'knowledge.escalate',
        kind: 'help',
        topic: 'communication',
        question: 'Hoe deel ik een bestand in Teams?',
      });
    }
  });

  it('the help form sends its question to the knowledge base first, and can come with the question filled in', () => {
    for (const locale of LOCALES) {
      const card = helpRequestCard(
        { domains: [{ id: 'communication', name: 'Communiceren' }], where: '', kind: 'help', question: 'Hoe deel ik?' },
        locale,
      );
      assertValidCard(card, `form ${locale}`);
      assert.deepEqual(cardVerbs(card), ['knowledge.ask']);
      let question: unknown;
      walk(card, (el) => {
        if (el.id === 'question') question = el.value;
      });
      assert.equal(question, 'Hoe deel ik?');
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
