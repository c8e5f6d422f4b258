import assert from 'node:assert/strict';
import { KnowledgeIndex } from '../../../bot/domain/knowledge/knowledge-index';
import { parseArticles } from '../../../bot/domain/knowledge/article';
import { DutchTerms, decompound, words } from '../../../bot/domain/knowledge/dutch-terms';
import { DOMAIN_IDS, labelledQuestions, starterKnowledge } from '../../helpers/knowledge';

describe('the knowledge base search', () => {
  const content = starterKnowledge();
  const index = new KnowledgeIndex(content);
  const top = (q: string, n = 3) => index.search(q, n).map((h) => h.article.id);

  describe('the starter set', () => {
    it('has at least 40 articles, each in Dutch and English, on a scan domain', () => {
      assert.ok(content.articles.length >= 40, `${content.articles.length} articles`);
      for (const a of content.articles) {
        assert.ok(DOMAIN_IDS.includes(a.domain), `${a.id}: ${a.domain}`);
        assert.equal(a.steps.nl.length, a.steps.en.length, `${a.id}: as many steps in both languages`);
      }
      const domains = new Set(content.articles.map((a) => a.domain));
      for (const d of ['communication', 'information', 'safety', 'devices', 'hr-self-service'])
        assert.ok(domains.has(d), `articles on ${d}`);
    });

    it('refuses an article without English steps or with an unknown topic, naming it', () => {
      const good = content.articles[0];
      assert.throws(
        () => parseArticles([{ ...good, steps: { nl: good.steps.nl } }], 'shared', DOMAIN_IDS),
        new RegExp(`${good.id}: steps.en`),
      );
      assert.throws(() => parseArticles([{ ...good, domain: 'cooking' }], 'shared', DOMAIN_IDS), /domain must be/);
    });
  });

  describe('answers the labelled questions of colleagues', () => {
    const questions = labelledQuestions();
    const answerable = questions.filter((q) => q.expected.length > 0);

    it('holds at least 60 realistic questions with their right articles, and questions no article answers', () => {
      assert.ok(answerable.length >= 60, `${answerable.length} questions`);
      assert.ok(questions.some((q) => q.expected.length === 0));
      const ids = new Set(content.articles.map((a) => a.id));
      for (const q of answerable) for (const id of q.expected) assert.ok(ids.has(id), `${q.question}: ${id} exists`);
    });

    it('puts the right article in the top 3 for at least 90 % of them', () => {
      const missed = answerable.filter((q) => !top(q.question).some((id) => q.expected.includes(id)));
      const share = 1 - missed.length / answerable.length;
      assert.ok(
        share >= 0.9,
        `top-3 ${(share * 100).toFixed(1)} %; missed: ${missed.map((q) => q.question).join(' | ')}`,
      );
    });

    it('offers articles before a coach for at least 90 % of them, and none for questions it cannot answer', () => {
      const offered = answerable.filter((q) =>
        index.suggest(q.question).some((h) => q.expected.includes(h.article.id)),
      ).length;
      assert.ok(offered / answerable.length >= 0.9, `${offered} of ${answerable.length} offered the right article`);
      for (const q of questions.filter((x) => x.expected.length === 0))
        assert.deepEqual(
          index.suggest(q.question).map((h) => h.article.id),
          [],
          `"${q.question}" goes straight to a coach`,
        );
    });
  });

  describe('understands Dutch the way colleagues write it', () => {
    it('finds the payslip by its Dutch, Flemish and English names', () => {
      for (const q of ['loonstrook', 'salarisstrook', 'loonfiche', 'payslip', 'loonstroken'])
        assert.equal(top(q)[0], 'payslip-view', q);
    });

    it('forgives typos', () => {
      assert.equal(top('wachtwoort wijzigen')[0], 'password-change');
      assert.equal(top('loonstook')[0], 'payslip-view');
      assert.equal(top('authenticater app')[0], 'mfa-setup');
    });

    it('reads "paswoord", "GSM" and "afdrukken" as their synonyms', () => {
      assert.ok(top('paswoord vergeten').includes('password-forgot'));
      assert.ok(top('apps op mijn GSM').includes('phone-work-apps'));
      assert.ok(top('afdrukken').includes('print-follow-me'));
    });

    it('cuts compounds it does not know into words it does', () => {
      const terms = new DutchTerms(['vergadering in Teams', 'wachtwoord herstel'], []);
      assert.deepEqual(decompound('teamsvergadering', terms.known), ['teams', 'vergadering']);
      assert.deepEqual(decompound('wachtwoordherstel', terms.known), ['wachtwoord', 'herstel']);
      assert.equal(decompound('onzinwoord', terms.known), null);
      assert.equal(top('teamsvergadering deelnemen')[0], 'teams-join-meeting');
    });

    it('drops the words of the question itself and reads accents and e-mail alike', () => {
      assert.deepEqual(words('Hoe kan ik mijn e-mail geïnstalleerd krijgen?'), [
        'hoe',
        'kan',
        'ik',
        'mijn',
        'email',
        'geinstalleerd',
        'krijgen',
      ]);
      assert.deepEqual(index.search('hoe kan ik', 3), []);
    });
  });
});
