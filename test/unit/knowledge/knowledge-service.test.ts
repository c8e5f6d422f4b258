import assert from 'node:assert/strict';
import type { Article } from '../../../bot/domain/knowledge/article';
import type { KnowledgeEvent, KnowledgeSource, KnowledgeStats } from '../../../bot/domain/knowledge/knowledge-ports';
import { KnowledgeService } from '../../../bot/domain/knowledge/knowledge-service';
import { AppError } from '../../../bot/domain/errors';
import { FakeClock, TUESDAY_MORNING } from '../../fakes/fake-clock';
import { starterKnowledge } from '../../helpers/knowledge';

const GEMEENTE = 'tenant-a';
const STAD = 'tenant-b';

/** A tenant's own article: how to reach their own case system, unknown to the shared set. */
const ZAAK: Article = {
  id: 'zaaksysteem-inloggen',
  domain: 'information',
  title: { nl: 'Inloggen op het zaaksysteem Corsa', en: 'Sign in to the Corsa case system' },
  steps: { nl: ['Open **Corsa** via het intranet.'], en: ['Open **Corsa** through the intranet.'] },
  tags: ['zaaksysteem', 'corsa', 'dossier'],
  source: 'tenant',
};

describe('the knowledge service', () => {
  const shared = starterKnowledge();
  const own = new Map<string, Article[]>();
  const events: Array<[string, KnowledgeEvent]> = [];
  const source: KnowledgeSource = { shared: () => shared, tenantArticles: async (t) => own.get(t) ?? [] };
  const stats: KnowledgeStats = {
    record: async (tenantId, event) => void events.push([tenantId, event]),
    figures: async () => ({ suggested: 0, noMatch: 0, escalated: 0, helped: {}, notHelped: {}, gaps: {} }),
  };
  const clock = new FakeClock(TUESDAY_MORNING);
  const service = () => new KnowledgeService({ source, stats, clock, refreshSeconds: 60 });

  beforeEach(() => {
    own.clear();
    events.length = 0;
  });

  it('searches the shared articles plus a tenant’s own, and keeps one tenant’s articles from another', async () => {
    own.set(GEMEENTE, [ZAAK]);
    const s = service();
    assert.deepEqual(
      (await s.suggest(GEMEENTE, 'Hoe kan ik inloggen op Corsa?')).map((a) => a.id),
      ['zaaksysteem-inloggen'],
    );
    assert.deepEqual(await s.suggest(STAD, 'Hoe kan ik inloggen op Corsa?'), []);
    assert.equal((await s.suggest(GEMEENTE, 'loonfiche'))[0].id, 'payslip-view', 'the shared ones still count');
    assert.deepEqual(events, [
      [GEMEENTE, { type: 'suggested' }],
      [STAD, { type: 'no-match', gap: { query: 'hoe kan ik inloggen op corsa', week: '2026-W48' } }],
      [GEMEENTE, { type: 'suggested' }],
    ]);
  });

  it('lets a tenant’s article replace a shared one with the same id, and reads new ones after the refresh', async () => {
    const s = service();
    assert.equal((await s.article(GEMEENTE, 'payslip-view'))?.source, 'shared');
    own.set(GEMEENTE, [{ ...shared.articles.find((a) => a.id === 'payslip-view')!, source: 'tenant' }]);
    assert.equal((await s.article(GEMEENTE, 'payslip-view'))?.source, 'shared', 'until the refresh');
    clock.advance(61_000);
    assert.equal((await s.article(GEMEENTE, 'payslip-view'))?.source, 'tenant');
    assert.equal((await s.article(STAD, 'payslip-view'))?.source, 'shared');
  });

  it('counts "Dit hielp me" per article and refuses an unknown article, counting nothing', async () => {
    const s = service();
    assert.equal((await s.helped(GEMEENTE, 'payslip-view')).id, 'payslip-view');
    await assert.rejects(() => s.helped(GEMEENTE, 'no-such-article'), AppError);
    assert.deepEqual(events, [[GEMEENTE, { type: 'helped', articleId: 'payslip-view' }]]);
  });

  it('lists the first articles for an empty search (the message extension opening)', async () => {
    const found = await service().search(GEMEENTE, '  ', 5);
    assert.deepEqual(
      found.map((a) => a.id),
      shared.articles.slice(0, 5).map((a) => a.id),
    );
  });
});
