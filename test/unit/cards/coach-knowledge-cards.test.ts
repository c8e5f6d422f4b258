import assert from 'node:assert/strict';
import type { Locale } from '../../../bot/domain/org';
import { newsCard } from '../../../bot/cards/news/news-card';
import { draftCard } from '../../../bot/cards/knowledge/draft-card';
import { notHelpedCard } from '../../../bot/cards/knowledge/not-helped-card';
import { parseAction } from '../../../bot/cards/verbs';
import { assertValidCard, cardText, cardVerbs, walk } from '../../helpers/cards';
import { starterKnowledge } from '../../helpers/knowledge';

const LOCALES: Locale[] = ['nl', 'en'];
const article = starterKnowledge().articles.find((a) => a.id === 'teams-share-file')!;

describe('cards for coach news, coaches’ how-tos and "Hielp niet"', () => {
  it('coach news says who it is from and for whom, keeps the line breaks, and shows Markdown as typed', () => {
    for (const locale of LOCALES) {
      const card = newsCard(
        {
          text: 'Nieuw zaaksysteem vanaf 1 maart.\n- Training: zie [dit](https://phish.example)\n# geen kop',
          departmentName: 'Groen & **Wegen**',
          sentAt: '2026-11-24T09:00:00Z',
        },
        locale,
      );
      assertValidCard(card, `news ${locale}`);
      const text = cardText(card);
      assert.match(text, locale === 'nl' ? /Nieuws voor digicoaches/ : /News for digicoaches/);
      assert.match(text, locale === 'nl' ? /24 november 2026/ : /24 November 2026/);
      assert.match(text, /Groen & \\\*\\\*Wegen\\\*\\\*/, 'the department name is inert');
      assert.match(text, /\\\[dit\\\]/, 'no link can form');
      assert.match(text, /^\\- Training/m, 'a line that would start a list stays text');
      assert.deepEqual(cardVerbs(card), []);
      assert.ok(JSON.stringify(card).length < 28_000);
    }
    const everyone = newsCard({ text: 'Hallo', departmentName: null, sentAt: '2026-11-24T09:00:00Z' }, 'nl');
    assert.match(cardText(everyone), /voor alle digicoaches/);
  });

  it('the how-to form names the question only by id, starts empty, asks for labelled required inputs and warns about personal details', () => {
    for (const locale of LOCALES) {
      const card = draftCard('0b6c1f3e-1111-4222-8333-944455556666', locale);
      assertValidCard(card, `draft ${locale}`);
      const inputs: Array<Record<string, unknown>> = [];
      walk(card, (el) => {
        if (el.type === 'Input.Text') inputs.push(el);
      });
      assert.deepEqual(
        inputs.map((i) => [i.id, i.isRequired, typeof i.label, typeof i.errorMessage, i.value]),
        [
          ['title', true, 'string', 'string', undefined],
          ['steps', true, 'string', 'string', undefined],
        ],
      );
      assert.match(cardText(card), locale === 'nl' ? /persoonlijke gegevens/ : /personal details/);
      assert.deepEqual(cardVerbs(card), ['knowledge.saveDraft']);
    }
  });

  it('"Hielp niet" thanks and offers a coach with the same question, and its button data passes its own schema', () => {
    const escalate = {
      kind: 'help' as const,
      topic: 'communication',
      question: 'Hoe deel ik een bestand?',
      urgency: 'today' as const,
      channel: 'chat' as const,
    };
    for (const locale of LOCALES) {
      const card = notHelpedCard(article, escalate, locale);
      assertValidCard(card, `not helped ${locale}`);
      assert.ok(cardText(card).includes(article.title[locale]));
      assert.deepEqual(cardVerbs(card), ['knowledge.escalate', 'menu']);
    }
    assert.deepEqual(parseAction('knowledge.notHelped', { a: 'teams-share-file', ...escalate }), {
      articleId: 'teams-share-file',
      escalate,
    });
    assert.equal(parseAction('knowledge.notHelped', { a: 'teams-share-file', question: 'x', rating: 5 }), null);
  });
});
