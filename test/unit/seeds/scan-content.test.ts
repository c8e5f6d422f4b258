import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Content checks for the scan and leadership seed data. The bot and the leader tab read these
// files as-is, so every shape and counting rule the code relies on is asserted here.

interface Localized {
  nl: string;
  en: string;
}

type DomainId =
  | 'information'
  | 'communication'
  | 'content'
  | 'safety'
  | 'problem-solving'
  | 'devices'
  | 'hr-self-service';

interface Domain {
  id: string;
  name: Localized;
  description: Localized;
  levelMeanings: Record<string, Localized>;
}

interface Level {
  level: number;
  name: Localized;
  meaning: Localized;
}

interface Profile {
  id: string;
  name: Localized;
  description: Localized;
  targets: Record<string, number>;
}

interface ScenarioOption {
  id: string;
  text: Localized;
}

interface Item {
  id: string;
  domain: string;
  type: 'self' | 'knowledge' | 'scenario';
  difficulty: number;
  text: Localized;
  answer?: boolean | string;
  options?: ScenarioOption[];
  explanation?: Localized;
  profiles?: string[];
}

interface Module {
  id: string;
  domain: string;
  levels: number[];
  title: Localized;
  description: Localized;
  durationMinutes: number;
  format: string;
  languages: string[];
  link?: string;
}

interface LeadershipItem {
  id: string;
  dimension: string;
  text: Localized;
  reverse?: boolean;
}

interface Dimension {
  id: string;
  name: Localized;
  description: Localized;
  advice: { low: Localized; mid: Localized; high: Localized };
}

interface Toolkit {
  conversationCards: { id: string; dimension: string; question: Localized }[];
  tips: { id: string; text: Localized }[];
  links: { id: string; title: Localized; url?: string }[];
}

const SEEDS = path.resolve(__dirname, '../../../seeds');

function load<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(SEEDS, relative), 'utf8')) as T;
}

const DOMAIN_IDS: DomainId[] = [
  'information',
  'communication',
  'content',
  'safety',
  'problem-solving',
  'devices',
  'hr-self-service',
];
const PREFIX: Record<DomainId, string> = {
  information: 'inf',
  communication: 'com',
  content: 'con',
  safety: 'saf',
  'problem-solving': 'pro',
  devices: 'dev',
  'hr-self-service': 'hrs',
};
const DIFFICULTIES = [1, 2, 3, 4];
const MAX_QUESTION = 160;
const MAX_OPTION = 90;
const MAX_SCAN_ITEMS = 120;
const FORMATS = ['e-learning', 'video', 'workshop', 'digicoach-session'];
const DIMENSION_IDS = ['vision', 'role-model', 'stimulate-learning', 'know-team', 'lead-change'];

function assertLocalized(value: unknown, where: string, maxLength?: number): void {
  assert.ok(value && typeof value === 'object', `${where} is a {nl, en} object`);
  const loc = value as Partial<Localized>;
  for (const lang of ['nl', 'en'] as const) {
    const text = loc[lang];
    assert.equal(typeof text, 'string', `${where}.${lang} is a string`);
    assert.ok((text as string).trim().length > 0, `${where}.${lang} is not empty`);
    assert.equal(text, (text as string).trim(), `${where}.${lang} has no leading/trailing spaces`);
    if (maxLength !== undefined) {
      assert.ok(
        (text).length <= maxLength,
        `${where}.${lang} is ${(text).length} characters, at most ${maxLength} allowed: "${text}"`,
      );
    }
  }
}

function assertUniqueIds(list: { id: string }[], what: string): void {
  const seen = new Set<string>();
  for (const { id } of list) {
    assert.ok(!seen.has(id), `${what}: duplicate id ${id}`);
    seen.add(id);
  }
}

function countBy<T>(list: T[], key: (x: T) => string | number): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const x of list) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return counts;
}

const domains = load<Domain[]>('scan/domains.json');
const levels = load<Level[]>('scan/levels.json');
const profiles = load<Profile[]>('scan/profiles.json');
const items = load<Item[]>('scan/items.json');
const template = load<{ template: boolean; about: Localized; modules: Module[] }>('scan/modules.json');
const modules = template.modules.map((m) => ({ ...m, level: m.levels[0] }));
const leadershipItems = load<LeadershipItem[]>('leadership/items.json');
const dimensions = load<Dimension[]>('leadership/dimensions.json');
const toolkit = load<Toolkit>('leadership/toolkit.json');

describe('the scan content', () => {
  describe('the digital domains', () => {
    it('are exactly the seven domains, in the agreed order', () => {
      assert.deepEqual(
        domains.map((d) => d.id),
        DOMAIN_IDS,
      );
    });

    it('give every domain a name, a description and a meaning for each of the four levels', () => {
      for (const d of domains) {
        assertLocalized(d.name, `${d.id}.name`);
        assertLocalized(d.description, `${d.id}.description`);
        assert.deepEqual(Object.keys(d.levelMeanings).sort(), ['1', '2', '3', '4'], `${d.id} level meanings`);
        for (const [lvl, meaning] of Object.entries(d.levelMeanings)) {
          assertLocalized(meaning, `${d.id}.levelMeanings.${lvl}`);
        }
      }
    });
  });

  describe('the four levels', () => {
    it('run from Starter to Expert', () => {
      assert.deepEqual(
        levels.map((l) => l.level),
        DIFFICULTIES,
      );
      assert.deepEqual(
        levels.map((l) => l.name.nl),
        ['Starter', 'Basis', 'Gevorderd', 'Expert'],
      );
      assert.deepEqual(
        levels.map((l) => l.name.en),
        ['Starter', 'Basic', 'Advanced', 'Expert'],
      );
      for (const l of levels) assertLocalized(l.meaning, `level ${l.level}.meaning`);
    });
  });

  describe('the job profiles', () => {
    it('include the profiles of the programme and have unique ids', () => {
      assert.ok(profiles.length >= 6, `at least 6 profiles, found ${profiles.length}`);
      assertUniqueIds(profiles, 'profiles');
      const ids = profiles.map((p) => p.id);
      for (const required of [
        'beleidsmedewerker',
        'financieel',
        'ondersteunend',
        'buitendienst',
        'uitvoerend',
        'klantcontact',
      ]) {
        assert.ok(ids.includes(required), `profile ${required} exists`);
      }
      for (const p of profiles) {
        assertLocalized(p.name, `${p.id}.name`);
        assertLocalized(p.description, `${p.id}.description`);
      }
    });

    it('give every profile a target level from 1 to 4 for exactly five known domains', () => {
      for (const p of profiles) {
        const targeted = Object.keys(p.targets);
        assert.equal(targeted.length, 5, `${p.id} targets exactly 5 domains`);
        for (const [domain, target] of Object.entries(p.targets)) {
          assert.ok((DOMAIN_IDS as string[]).includes(domain), `${p.id} targets unknown domain ${domain}`);
          assert.ok(Number.isInteger(target) && target >= 1 && target <= 4, `${p.id}.${domain} target is 1-4`);
        }
      }
    });

    it('ask everyone about safety and cover every domain in some profile', () => {
      for (const p of profiles) assert.ok('safety' in p.targets, `${p.id} includes safety`);
      for (const domain of DOMAIN_IDS) {
        assert.ok(
          profiles.some((p) => domain in p.targets),
          `domain ${domain} is used by at least one profile`,
        );
      }
    });

    it('keep every full scan at or under 120 questions', () => {
      for (const p of profiles) {
        const total = items.filter((i) => i.domain in p.targets && (!i.profiles || i.profiles.includes(p.id))).length;
        assert.ok(total <= MAX_SCAN_ITEMS, `${p.id} full scan has ${total} items`);
        assert.ok(total > 0, `${p.id} full scan has items`);
      }
    });
  });

  describe('the item bank', () => {
    it('holds at least 190 items with unique ids, at least 22 for each domain', () => {
      assert.ok(items.length >= 190, `found ${items.length} items`);
      assertUniqueIds(items, 'items');
      for (const domain of DOMAIN_IDS) {
        const n = items.filter((i) => i.domain === domain).length;
        assert.ok(n >= 22, `${domain} has ${n} items`);
      }
      for (const i of items) {
        assert.ok((DOMAIN_IDS as string[]).includes(i.domain), `${i.id} has a known domain`);
      }
    });

    it('numbers the items per domain with the domain prefix, from 01 without gaps', () => {
      for (const domain of DOMAIN_IDS) {
        const ids = items.filter((i) => i.domain === domain).map((i) => i.id).sort();
        const expected = Array.from(
          { length: ids.length },
          (_, n) => `${PREFIX[domain]}-${String(n + 1).padStart(2, '0')}`,
        );
        assert.deepEqual(ids, expected, `${domain} item ids`);
      }
    });

    it('mixes at least 12 self-ratings, 7 knowledge checks and 3 scenarios in every domain', () => {
      for (const domain of DOMAIN_IDS) {
        const types = countBy(
          items.filter((i) => i.domain === domain),
          (i) => i.type,
        );
        assert.ok(types.get('self')! >= 12, `${domain} self items`);
        assert.ok(types.get('knowledge')! >= 7, `${domain} knowledge items`);
        assert.ok(types.get('scenario')! >= 3, `${domain} scenario items`);
        assert.equal(types.size, 3, `${domain} has only known item types`);
      }
    });

    it('covers every difficulty in every domain, with self-ratings and checks at each level', () => {
      for (const domain of DOMAIN_IDS) {
        const inDomain = items.filter((i) => i.domain === domain);
        for (const i of inDomain) {
          assert.ok(DIFFICULTIES.includes(i.difficulty), `${i.id} difficulty is 1-4`);
        }
        for (const d of DIFFICULTIES) {
          const atLevel = inDomain.filter((i) => i.difficulty === d);
          const self = atLevel.filter((i) => i.type === 'self').length;
          const checks = atLevel.length - self;
          assert.ok(self >= 2, `${domain} difficulty ${d}: ${self} self items, need 2`);
          assert.ok(checks >= 1, `${domain} difficulty ${d}: ${checks} knowledge/scenario items, need 1`);
          assert.ok(
            atLevel.length >= 4 && atLevel.length <= 0.4 * inDomain.length,
            `${domain} difficulty ${d} has ${atLevel.length} of ${inDomain.length} items; spread them evenly`,
          );
        }
      }
    });

    it('writes every text in Dutch and English, short enough for a phone', () => {
      for (const i of items) {
        assertLocalized(i.text, `${i.id}.text`, MAX_QUESTION);
        if (i.explanation !== undefined) assertLocalized(i.explanation, `${i.id}.explanation`);
        for (const o of i.options ?? []) assertLocalized(o.text, `${i.id}.option ${o.id}`, MAX_OPTION);
      }
    });

    it('phrases self-ratings as "Ik kan …" / "I can …", without answers or options', () => {
      for (const i of items.filter((x) => x.type === 'self')) {
        assert.ok(i.text.nl.startsWith('Ik kan '), `${i.id} nl starts with "Ik kan"`);
        assert.ok(i.text.en.startsWith('I can '), `${i.id} en starts with "I can"`);
        assert.equal(i.answer, undefined, `${i.id} has no answer`);
        assert.equal(i.options, undefined, `${i.id} has no options`);
      }
    });

    it('gives knowledge checks a true/false answer and an explanation, with both answers well represented', () => {
      const knowledge = items.filter((i) => i.type === 'knowledge');
      for (const i of knowledge) {
        assert.equal(typeof i.answer, 'boolean', `${i.id} answer is boolean`);
        assert.equal(i.options, undefined, `${i.id} has no options`);
        assertLocalized(i.explanation, `${i.id}.explanation`);
      }
      const trueShare = knowledge.filter((i) => i.answer === true).length / knowledge.length;
      assert.ok(trueShare >= 0.4 && trueShare <= 0.6, `share of true statements is ${trueShare.toFixed(2)}`);
      for (const domain of DOMAIN_IDS) {
        const answers = knowledge.filter((i) => i.domain === domain).map((i) => i.answer);
        assert.ok(answers.filter((a) => a === true).length >= 2, `${domain} has true statements`);
        assert.ok(answers.filter((a) => a === false).length >= 2, `${domain} has false statements`);
      }
    });

    it('gives scenarios 3 or 4 options with exactly one correct answer and an explanation', () => {
      for (const i of items.filter((x) => x.type === 'scenario')) {
        const options = i.options ?? [];
        assert.ok(options.length === 3 || options.length === 4, `${i.id} has 3 or 4 options`);
        assert.deepEqual(
          options.map((o) => o.id),
          ['a', 'b', 'c', 'd'].slice(0, options.length),
          `${i.id} option ids are a, b, c(, d)`,
        );
        assert.equal(typeof i.answer, 'string', `${i.id} answer is an option id`);
        assert.ok(
          options.some((o) => o.id === i.answer),
          `${i.id} answer ${String(i.answer)} is one of its options`,
        );
        const texts = new Set(options.map((o) => o.text.nl));
        assert.equal(texts.size, options.length, `${i.id} options are distinct`);
        assertLocalized(i.explanation, `${i.id}.explanation`);
      }
    });

    it('limits items to known job profiles that are asked about the item domain', () => {
      for (const i of items.filter((x) => x.profiles)) {
        assert.ok(i.profiles!.length > 0, `${i.id} names at least one profile`);
        for (const id of i.profiles!) {
          const profile = profiles.find((p) => p.id === id);
          assert.ok(profile, `${i.id}: unknown profile ${id}`);
          assert.ok(i.domain in profile.targets, `${i.id}: profile ${id} is not asked about ${i.domain}`);
        }
      }
    });

    it('never repeats a question', () => {
      const nl = new Set(items.map((i) => i.text.nl.toLowerCase()));
      const en = new Set(items.map((i) => i.text.en.toLowerCase()));
      assert.equal(nl.size, items.length, 'Dutch texts are distinct');
      assert.equal(en.size, items.length, 'English texts are distinct');
    });
  });

  describe('the learning modules', () => {
    it('number at least 35, with unique ids of the form mod-<prefix>-<n>', () => {
      assert.ok(modules.length >= 35, `found ${modules.length} modules`);
      assertUniqueIds(modules, 'modules');
      for (const m of modules) {
        assert.ok((DOMAIN_IDS as string[]).includes(m.domain), `${m.id} has a known domain`);
        assert.match(m.id, new RegExp(`^mod-${PREFIX[m.domain as DomainId]}-\\d+$`), `${m.id} id pattern`);
        assert.ok(DIFFICULTIES.includes(m.level), `${m.id} level is 1-4`);
        assertLocalized(m.title, `${m.id}.title`);
        assertLocalized(m.description, `${m.id}.description`);
      }
    });

    it('offer every domain a module at levels 2, 3 and 4, and level 1 for devices and HR self-service', () => {
      for (const domain of DOMAIN_IDS) {
        for (const level of [2, 3, 4]) {
          assert.ok(
            modules.some((m) => m.domain === domain && m.level === level),
            `${domain} has a level ${level} module`,
          );
        }
      }
      for (const domain of ['devices', 'hr-self-service']) {
        assert.ok(
          modules.some((m) => m.domain === domain && m.level === 1),
          `${domain} has a level 1 module`,
        );
      }
    });

    it('use the four formats with realistic durations', () => {
      for (const m of modules) {
        assert.ok(FORMATS.includes(m.format), `${m.id} format ${m.format}`);
        assert.ok(Number.isInteger(m.durationMinutes) && m.durationMinutes > 0, `${m.id} duration`);
        if (m.format === 'workshop') {
          assert.ok(m.durationMinutes >= 90 && m.durationMinutes <= 180, `${m.id} workshop takes 90-180 min`);
        }
        if (m.format === 'digicoach-session') {
          assert.ok(m.durationMinutes >= 30 && m.durationMinutes <= 60, `${m.id} digicoach session takes 30-60 min`);
        }
        if (m.level <= 2 && (m.format === 'video' || m.format === 'e-learning')) {
          assert.ok(m.durationMinutes <= 30, `${m.id} low-level ${m.format} is short`);
        }
      }
      for (const format of FORMATS) {
        assert.ok(
          modules.some((m) => m.format === format),
          `format ${format} is used`,
        );
      }
    });

    it('are in Dutch, sometimes also English', () => {
      for (const m of modules) {
        assert.ok(
          m.languages.length === 1 ? m.languages[0] === 'nl' : m.languages.join(',') === 'nl,en',
          `${m.id} languages ${m.languages.join(',')}`,
        );
      }
    });

    it('are a clearly marked starting template without a single made-up link', () => {
      assert.equal(template.template, true);
      assertLocalized(template.about, 'template.about');
      assert.match(template.about.nl, /^Startsjabloon/);
      for (const m of template.modules) {
        assert.equal(m.link, undefined, `${m.id}: the template links nowhere; a tenant sets its own links`);
        assert.equal(m.levels.length, 1, `${m.id} serves one level`);
      }
    });
  });
});

describe('the digital-leadership scan', () => {
  it('has five dimensions with a name, description and low/mid/high advice', () => {
    assert.deepEqual(
      dimensions.map((d) => d.id),
      DIMENSION_IDS,
    );
    for (const d of dimensions) {
      assertLocalized(d.name, `${d.id}.name`);
      assertLocalized(d.description, `${d.id}.description`);
      for (const band of ['low', 'mid', 'high'] as const) assertLocalized(d.advice[band], `${d.id}.advice.${band}`);
    }
  });

  it('stays within 25 statements: 20 items, four per dimension', () => {
    assert.equal(leadershipItems.length, 20);
    assert.ok(leadershipItems.length <= 25);
    assertUniqueIds(leadershipItems, 'leadership items');
    const perDimension = countBy(leadershipItems, (i) => i.dimension);
    for (const id of DIMENSION_IDS) assert.equal(perDimension.get(id), 4, `${id} has 4 items`);
    assert.equal(perDimension.size, DIMENSION_IDS.length, 'only known dimensions');
    leadershipItems.forEach((item, n) => {
      assert.equal(item.id, `lead-${String(n + 1).padStart(2, '0')}`, 'leadership ids run lead-01..lead-20');
      assertLocalized(item.text, `${item.id}.text`, MAX_QUESTION);
    });
  });

  it('includes three reverse-scored statements, in different dimensions', () => {
    const reversed = leadershipItems.filter((i) => i.reverse === true);
    assert.equal(reversed.length, 3);
    assert.equal(new Set(reversed.map((i) => i.dimension)).size, 3);
    for (const i of leadershipItems) {
      assert.ok(i.reverse === undefined || typeof i.reverse === 'boolean', `${i.id}.reverse is boolean`);
    }
  });

  describe('the leader toolkit', () => {
    it('holds at least 12 conversation cards spread over all dimensions', () => {
      const cards = toolkit.conversationCards;
      assert.ok(cards.length >= 12, `found ${cards.length} cards`);
      assertUniqueIds(cards, 'conversation cards');
      for (const c of cards) {
        assert.match(c.id, /^card-\d{2}$/);
        assert.ok(DIMENSION_IDS.includes(c.dimension), `${c.id} has a known dimension`);
        assertLocalized(c.question, `${c.id}.question`, MAX_QUESTION);
        assert.ok(c.question.nl.endsWith('?') && c.question.en.endsWith('?'), `${c.id} is a question`);
      }
      for (const id of DIMENSION_IDS) {
        assert.ok(
          cards.some((c) => c.dimension === id),
          `a card for ${id}`,
        );
      }
    });

    it('gives at least 6 tips and 4 links to the programme material', () => {
      assert.ok(toolkit.tips.length >= 6);
      assertUniqueIds(toolkit.tips, 'tips');
      for (const t of toolkit.tips) assertLocalized(t.text, `${t.id}.text`);
      assert.ok(toolkit.links.length >= 4);
      assertUniqueIds(toolkit.links, 'links');
      for (const l of toolkit.links) {
        assertLocalized(l.title, `${l.id}.title`);
        assert.equal(l.url, undefined, `${l.id}: no made-up address; the programme team shares its own material`);
      }
    });
  });
});
