import assert from 'node:assert/strict';
import path from 'node:path';
import { ContentIndex } from '../../../bot/domain/scan/content';
import { readScanSeeds } from '../../../bot/domain/scan/load-content';
import type { Locale } from '../../../bot/domain/org';
import type { QuestionView } from '../../../bot/domain/scan/scan-service';
import type { ScanResult, ScanSession } from '../../../bot/domain/scan/scan-types';
import { scanIntroCard } from '../../../bot/cards/scan/intro-card';
import { questionCard } from '../../../bot/cards/scan/question-card';
import { optionOrder } from '../../../bot/domain/scan/option-order';
import { resultCard } from '../../../bot/cards/scan/result-card';
import { modulesCard } from '../../../bot/cards/scan/modules-card';
import { assertValidCard, cardText, cardVerbs, walk } from '../../helpers/cards';

const index = new ContentIndex(readScanSeeds(path.join(__dirname, '..', '..', '..', 'seeds', 'scan')));
const session: ScanSession = {
  sessionId: 's1',
  tenantId: 't',
  userId: 'u',
  contentVersion: index.version,
  profileId: 'beleidsmedewerker',
  mode: 'adaptive',
  status: 'in-progress',
  answers: [{ itemId: 'inf-01', value: 3, at: '2026-11-23T10:00:00Z' }],
  pendingItemId: 'inf-02',
  startedAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:00:00Z',
};
const question = (type: 'self' | 'knowledge' | 'scenario', extra: Partial<QuestionView> = {}): QuestionView => {
  const item = index.content.items.find((i) => i.type === type)!;
  return {
    kind: 'question',
    session,
    item,
    position: 2,
    estimatedTotal: 40,
    domain: index.domainsById.get(item.domain)!,
    index,
    canGoBack: true,
    ...extra,
  };
};
const result: ScanResult = {
  resultId: 'r1',
  sessionId: 's1',
  tenantId: 't',
  userId: 'u',
  contentVersion: index.version,
  profileId: 'beleidsmedewerker',
  mode: 'adaptive',
  startedAt: '2026-11-23T10:00:00Z',
  completedAt: '2026-11-23T10:14:00Z',
  itemsAsked: 38,
  levels: { information: 1, communication: 2, content: 3, safety: 1, 'problem-solving': 4 },
  targets: { information: 3, communication: 3, content: 3, safety: 3, 'problem-solving': 2 },
  previousLevels: { information: 1, communication: 1, content: 2, safety: 1, 'problem-solving': 3 },
  focusDomains: ['safety', 'information', 'communication'],
  adviceModuleIds: index.content.modules.slice(0, 5).map((m) => m.id),
  intakeOffered: true,
  answers: [],
};

describe('the scan cards', () => {
  for (const locale of ['nl', 'en'] as Locale[]) {
    it(`are valid Adaptive Card 1.5 in ${locale}: intro, every question type, result, modules`, () => {
      assertValidCard(
        scanIntroCard(
          {
            profiles: index.content.profiles,
            preselected: 'buitendienst',
            previousDate: '2026-05-01T00:00:00Z',
            anonymityThreshold: 5,
          },
          locale,
        ),
        'intro',
      );
      for (const type of ['self', 'knowledge', 'scenario'] as const)
        assertValidCard(questionCard(question(type), locale), `question ${type}`);
      assertValidCard(
        questionCard(question('self', { alreadyAnswered: true, canGoBack: false, position: 1 }), locale),
        'question notice',
      );
      assertValidCard(
        resultCard(
          {
            result,
            index,
            modules: index.content.modules.slice(0, 5),
            retakeFrom: new Date('2027-05-24'),
            justCompleted: true,
          },
          locale,
        ),
        'result',
      );
      assertValidCard(
        modulesCard(
          {
            tenantId: 't',
            index,
            modules: index.content.modules
              .slice(0, 5)
              .map((module, i) => ({ module, state: [null, 'started', 'finished'][i % 3] as null })),
          },
          locale,
        ),
        'modules',
      );
    });
  }

  it('show one question with big answers, "weet ik niet", back and pause', () => {
    const card = questionCard(question('self'), 'nl');
    const text = cardText(card);
    assert.match(text, /Vraag 2 van ongeveer 40/);
    for (const label of [
      'Dat kan ik (nog) niet',
      'Met wat hulp',
      'Zelfstandig',
      'Kan ik anderen uitleggen',
      'Weet ik niet',
      'Vorige',
      'Pauze',
    ])
      assert.ok(text.includes(label), label);
    assert.equal(cardVerbs(card).filter((v) => v === 'scan.answer').length, 5);
  });

  it('draw the progress as a filled bar (an image fill), not two pale container styles that look like an empty field', () => {
    const card = questionCard(question('self', { position: 11, estimatedTotal: 40 }), 'nl');
    const bars: Array<Array<{ width: number; style?: string; backgroundImage?: { url: string } }>> = [];
    walk(card, (el) => {
      if (el.type === 'ColumnSet' && (el.columns as Array<{ minHeight?: string }>).every((c) => c.minHeight === '6px'))
        bars.push(el.columns as (typeof bars)[number]);
    });
    assert.equal(bars.length, 1, 'one progress bar');
    const [done, left] = bars[0];
    assert.equal(done.width, 25, 'a quarter done at question 11 of 40');
    assert.equal(left.width, 75);
    for (const part of bars[0]) {
      assert.equal(part.style, undefined, 'no pale container style');
      assert.match(part.backgroundImage?.url ?? '', /^data:image\/png;base64,/);
    }
    assert.notEqual(done.backgroundImage!.url, left.backgroundImage!.url, 'done and to-do differ');
  });

  it('ask true-or-false checks with Juist / Onjuist / Weet ik niet', () => {
    assert.match(
      cardText(questionCard(question('knowledge'), 'nl')),
      /Juist of onjuist\?[\s\S]*Juist[\s\S]*Onjuist[\s\S]*Weet ik niet/,
    );
  });

  it('show a scenario’s options in the person’s own shuffled order, each answered by its option id', () => {
    const view = question('scenario');
    const choicesOf = (v: QuestionView) => {
      const body = (questionCard(v, 'nl') as { body: Array<{ type: string; choices?: Array<{ value: string }> }> })
        .body;
      return body.find((e) => e.type === 'Input.ChoiceSet')!.choices!.map((c) => c.value);
    };
    const expected = [...optionOrder(view.item, session.userId).map((o) => o.id), 'unknown'];
    assert.deepEqual(choicesOf(view), expected);
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((u) =>
        choicesOf({ ...view, session: { ...session, userId: `user-${u}` } }).join(),
      ),
    );
    assert.ok(orders.size > 1, 'other people see another order');
  });

  it('show levels against targets, growth, the focus domains, module links and the intake offer', () => {
    const text = cardText(
      resultCard(
        {
          result,
          index,
          modules: index.content.modules.slice(0, 2),
          retakeFrom: new Date('2027-05-24'),
          justCompleted: true,
        },
        'nl',
      ),
    );
    assert.match(text, /\*\*Veiligheid & privacy\*\*: Starter \(doel: Gevorderd\)/);
    assert.match(text, /Expert \(doel: Basis\) ✓ · was Gevorderd/);
    assert.match(text, /Hier ga je eerst mee aan de slag/);
    assert.match(text, /\]\(https:\/\/leren\.digivaardig\.example\/modules\//);
    assert.match(text, /intake/);
  });
});
