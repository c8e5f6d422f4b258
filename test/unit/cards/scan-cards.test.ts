import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
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
import { reviewCard } from '../../../bot/cards/scan/review-card';
import { reviewPage } from '../../../bot/domain/scan/answer-review';
import { DEFAULT_TERMS } from '../../../bot/domain/terms/definitions';
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
            learningPage: null,
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
            learningPage: null,
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

  it('draw the progress as one thin bar (a stretched 50:1 image), not boxes that look like an empty field', () => {
    const card = questionCard(question('self', { position: 11, estimatedTotal: 40 }), 'nl');
    const images: Array<{ url: string; size?: string; altText?: string }> = [];
    const containers: Array<Record<string, unknown>> = [];
    walk(card, (el) => {
      if (el.type === 'Image') images.push(el as unknown as (typeof images)[number]);
      if ((el.type === 'Column' || el.type === 'Container') && el.backgroundImage) containers.push(el);
    });
    // Renderers pad any container with a background: that made each part a 32-pixel grey box.
    assert.deepEqual(containers, [], 'no container with a background image');
    assert.equal(images.length, 1, 'one progress bar');
    const [bar] = images;
    assert.equal(bar.size, 'Stretch');
    assert.equal(bar.altText, 'Voortgang: 25 procent gedaan', 'a quarter done at question 11 of 40');
    const png = Buffer.from(bar.url.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.ok(width / height >= 40, `a thin bar, ${width}×${height}`);
    const rgba = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
    const pixel = (x: number) => [...rgba.subarray(1 + x * 4, 5 + x * 4)];
    assert.deepEqual(pixel(24), [0x5b, 0x5f, 0xc7, 0xff], 'done: Teams purple');
    assert.ok(pixel(25)[3] < 0xff, 'left: see-through, so it suits light and dark cards');
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
          learningPage: null,
          retakeFrom: new Date('2027-05-24'),
          justCompleted: true,
        },
        'nl',
      ),
    );
    assert.match(text, /\*\*Veiligheid & privacy\*\*: Starter \(doel: Gevorderd\)/);
    assert.match(text, /Expert \(doel: Basis\) ✓ · was Gevorderd/);
    assert.match(text, /Hier ga je eerst mee aan de slag/);
    assert.match(text, /intake/);
  });

  it('draw each domain as four level blocks: filled up to the level, marked up to the target, with the level in words above', () => {
    const card = resultCard(
      { result, index, modules: [], learningPage: null, retakeFrom: new Date('2027-05-24'), justCompleted: true },
      'nl',
    ) as { body: Array<Record<string, unknown>> };
    const rows = card.body.filter((e) => e.type === 'Container');
    assert.equal(rows.length, Object.keys(result.levels).length, 'one row per domain');
    const styles = (domainName: string) => {
      const row = rows.find((r) => cardText(r).includes(domainName))!;
      const found: string[] = [];
      walk(row, (el) => {
        if (el.type === 'Column') found.push(String(el.style));
      });
      return found.join(' ');
    };
    // Safety: Starter, target Gevorderd. Problem solving: Expert, target Basis.
    assert.equal(styles('Veiligheid'), 'accent warning warning emphasis');
    assert.equal(styles('Problemen oplossen'), 'good good good good');
    assert.match(cardText(rows[0]), /\(doel: /, 'the level and target in words for screen readers');
    assert.match(cardText(card), /Elk blokje is een niveau/);
  });

  it('keep the biggest result (seven domains, growth, five modules, the intake) valid and small in both languages', () => {
    const domains = index.content.domains.map((d) => d.id);
    const biggest: ScanResult = {
      ...result,
      levels: Object.fromEntries(domains.map((d, n) => [d, ((n % 4) + 1) as 1 | 2 | 3 | 4])),
      targets: Object.fromEntries(domains.map((d) => [d, 3 as const])),
      previousLevels: Object.fromEntries(domains.map((d) => [d, 1 as const])),
      focusDomains: domains.slice(0, 3),
    };
    for (const locale of ['nl', 'en'] as Locale[]) {
      const card = resultCard(
        {
          result: biggest,
          index,
          modules: index.content.modules.slice(0, 5),
          learningPage: null,
          retakeFrom: new Date('2027-05-24'),
          justCompleted: true,
        },
        locale,
      );
      assertValidCard(card, `result ${locale}`);
      const size = Buffer.byteLength(JSON.stringify(card));
      assert.ok(size < 12 * 1024, `result card ${locale}: ${size} bytes`);
    }
  });

  it('link a module only to the address the municipality gave, and otherwise say how to get it', () => {
    const [withLink, withoutLink] = index.content.modules.filter((m) => m.format !== 'digicoach-session');
    const session = index.content.modules.find((m) => m.format === 'digicoach-session')!;
    const modules = [{ ...withLink, link: 'https://leren.westerkwartier.nl/teams' }, withoutLink, session];
    const build = (learningPage: string | null) =>
      resultCard(
        { result, index, modules, learningPage, retakeFrom: new Date('2027-05-24'), justCompleted: true },
        'nl',
      );
    const noPage = build(null);
    assertValidCard(noPage, 'result without a learning page');
    const text = cardText(noPage);
    const title = DEFAULT_TERMS.apply(withLink.title.nl, 'nl');
    assert.match(text, new RegExp(`\\[${title}\\]\\(https://leren\\.westerkwartier\\.nl/teams\\)`));
    assert.match(text, /vraag een digicoach hoe je eraan komt/);
    assert.doesNotMatch(text, /example/);
    // The session with a digicoach is planned with a button that opens the help form, not a link.
    assert.ok(cardVerbs(noPage).includes('module.session'));
    assert.match(
      cardText(build('https://intranet.westerkwartier.nl/leren')),
      /\]\(https:\/\/intranet\.westerkwartier\.nl\/leren\)/,
    );
  });

  it('show the checks after the scan with the right answer and the explanation, a few per phone-sized card', () => {
    const checks = index.content.items.filter((i) => i.type !== 'self' && i.explanation).slice(0, 5);
    const self = index.content.items.find((i) => i.type === 'self')!;
    const answers = [
      { itemId: self.id, value: 3 as const, at: result.completedAt },
      ...checks.map((item, n) => ({
        itemId: item.id,
        // The first check right, the others wrong or "weet ik niet".
        value: n === 0 ? item.answer! : n === 1 ? ('unknown' as const) : item.type === 'knowledge' ? !item.answer : 'x',
        at: result.completedAt,
      })),
    ];
    const withAnswers = { ...result, answers };
    const resultWithButton = resultCard(
      {
        result: withAnswers,
        index,
        modules: [],
        learningPage: null,
        retakeFrom: new Date('2027-05-24'),
        justCompleted: true,
      },
      'nl',
    );
    assert.ok(cardVerbs(resultWithButton).includes('scan.review'), 'the result offers "Bekijk je antwoorden"');

    const first = reviewPage(withAnswers, index, 1);
    assert.equal(first.total, 5, 'self-ratings have no right answer and are left out');
    assert.equal(first.right, 1);
    assert.equal(first.pages, 2);
    for (const locale of ['nl', 'en'] as Locale[]) {
      const card = reviewCard(first, locale);
      assertValidCard(card, `review ${locale}`);
      assert.ok(JSON.stringify(card).length < 28_000, 'small enough for a phone');
    }
    const text = cardText(reviewCard(first, 'nl'));
    assert.match(text, /Je had 1 van de 5 kennisvragen goed/);
    assert.ok(text.includes(DEFAULT_TERMS.apply(checks[0].text.nl, 'nl').slice(0, 30)));
    assert.ok(
      text.includes(DEFAULT_TERMS.apply(checks[1].explanation!.nl, 'nl').slice(0, 30)),
      'the explanation from the content',
    );
    assert.match(text, /Goed antwoord: /);
    assert.match(text, /Jouw antwoord: Weet ik niet/);
    assert.ok(cardVerbs(reviewCard(first, 'nl')).includes('scan.review'), 'a button to the next part');
    const last = reviewPage(withAnswers, index, 2);
    assert.equal(last.items.length, 2);
    assert.ok(!cardVerbs(reviewCard(last, 'nl')).includes('scan.review'));
  });
});
