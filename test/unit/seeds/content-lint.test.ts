import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../../bot/i18n/en';
import { nl } from '../../../bot/i18n/nl';
import { DEFAULT_TERMS, TERM_DEFINITIONS } from '../../../bot/domain/terms/definitions';
import { placeholdersIn } from '../../../bot/domain/terms/terms';
import { fleschDouma, longestSentence, sentences } from '../../helpers/dutch-text';

// The scan must measure skill, not test-wiseness or reading skill: this linter keeps the
// items free of give-aways, readable at their level, in Teams' own words and mapped to
// DigComp 2.2. Every check prints the offending texts, so a failure says what to rewrite.

interface Localized {
  nl: string;
  en: string;
}
interface Item {
  id: string;
  domain: string;
  type: 'self' | 'knowledge' | 'scenario';
  difficulty: number;
  text: Localized;
  answer?: boolean | string;
  options?: { id: string; text: Localized }[];
  explanation?: Localized;
  digcomp?: string;
  profiles?: string[];
}
interface GlossaryEntry {
  wrong: string;
  right: string;
  caseSensitive?: boolean;
}

const SEEDS = path.resolve(__dirname, '../../../seeds');
const load = <T>(relative: string): T => JSON.parse(readFileSync(path.join(SEEDS, relative), 'utf8')) as T;

/**
 * Every {nl, en} text with the placeholders for a municipality's own words (`{zaaksysteem}`)
 * filled with their defaults: the checks below read what an employee of a municipality
 * without own words reads.
 */
function withDefaultTerms<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withDefaultTerms(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.nl === 'string' && typeof record.en === 'string')
    return { ...record, nl: DEFAULT_TERMS.apply(record.nl, 'nl'), en: DEFAULT_TERMS.apply(record.en, 'en') } as T;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withDefaultTerms(v)])) as T;
}

const rawItems = load<Item[]>('scan/items.json');
const items = withDefaultTerms(rawItems);
const scenarios = items.filter((i) => i.type === 'scenario');
const glossary = load<Record<'nl' | 'en', GlossaryEntry[]>>('scan/glossary.json');

/** Every {nl, en} text in a seed file, with where it sits. */
function localizedTexts(value: unknown, where: string): Array<{ where: string; nl: string; en: string }> {
  if (Array.isArray(value)) return value.flatMap((v, n) => localizedTexts(v, `${where}[${n}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.nl === 'string' && typeof record.en === 'string') return [{ where, nl: record.nl, en: record.en }];
  const id = typeof record.id === 'string' ? record.id : '';
  return Object.entries(record).flatMap(([k, v]) => localizedTexts(v, `${where}${id ? `:${id}` : ''}.${k}`));
}

const SEED_FILES = [
  'scan/items.json',
  'scan/modules.json',
  'scan/domains.json',
  'scan/levels.json',
  'scan/profiles.json',
  'leadership/items.json',
  'leadership/dimensions.json',
  'leadership/toolkit.json',
];
const rawSeedTexts = SEED_FILES.flatMap((f) => localizedTexts(load<unknown>(f), f));
const seedTexts = SEED_FILES.flatMap((f) => localizedTexts(withDefaultTerms(load<unknown>(f)), f));
const botTexts = {
  nl: Object.entries(nl).map(([key, text]) => ({ where: `bot nl ${key}`, text })),
  en: Object.entries(en).map(([key, text]) => ({ where: `bot en ${key}`, text })),
};
const allTexts = (lang: 'nl' | 'en') => [
  ...seedTexts.map((t) => ({ where: t.where, text: t[lang] })),
  ...botTexts[lang],
];

/** The DigComp 2.2 competences (area.competence). */
const DIGCOMP = new Set([
  ...['1.1', '1.2', '1.3'],
  ...['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'],
  ...['3.1', '3.2', '3.3', '3.4'],
  ...['4.1', '4.2', '4.3', '4.4'],
  ...['5.1', '5.2', '5.3', '5.4'],
]);

/** Limits per item difficulty: the longest sentence in words, and Flesch–Douma over all texts of that level. */
const READABILITY: Record<number, { maxWords: number; minEase: number }> = {
  1: { maxWords: 16, minEase: 70 },
  2: { maxWords: 18, minEase: 65 },
  3: { maxWords: 20, minEase: 60 },
  4: { maxWords: 22, minEase: 55 },
};

/** Options that give themselves away by being extreme, whatever the question. */
const ABSURD = /\b(nooit|voor altijd|voortaan niet meer|zeg er niets over|meld niets)\b/i;

/**
 * A generic person as "he": "zijn" before something a person has, or "hij/hem" in a text
 * about a person (Dutch also says "hem" for a thing, as in "sla hem op"; that is fine).
 */
const POSSESSIVE_NL =
  /\bzijn (loonstrook|status|wachtwoord|telefoon|vergadering|account|gegevens|computer|toestel|agenda|vraag|aanvraag|collega|eigen|gewone|team)\b/i;
const PERSON_NL =
  /\b(collega|collega's|inwoner|leidinggevende|organisator|medewerker|ontvanger|leverancier|klant|digicoach|wethouder|iemand)\b/i;
const GENDERED_NL = { test: (t: string) => POSSESSIVE_NL.test(t) || (PERSON_NL.test(t) && /\b(hij|hem)\b/i.test(t)) };
const GENDERED_EN = /\b(he|him|his|himself)\b/i;

const optionLength = (o: { text: Localized }) => o.text.nl.length;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function glossaryPattern(entry: GlossaryEntry): RegExp {
  const body = escape(entry.wrong);
  const bounded = /^\w/.test(entry.wrong) ? `(?<![\\p{L}])${body}(?![\\p{L}])` : body;
  return new RegExp(bounded, entry.caseSensitive ? 'u' : 'iu');
}

describe('the scan content linter', () => {
  describe('scenario items without give-aways', () => {
    for (const extreme of ['longest', 'shortest'] as const) {
      it(`do not make the right option the ${extreme} one in more than 40 % of scenarios`, () => {
        const beats = (a: number, b: number) => (extreme === 'longest' ? a >= b : a <= b);
        const giveAways = scenarios.filter((i) => {
          const right = i.options!.find((o) => o.id === i.answer)!;
          return i.options!.every((o) => beats(optionLength(right), optionLength(o)));
        });
        assert.ok(
          giveAways.length <= 0.4 * scenarios.length,
          `the right option is the ${extreme} in ${giveAways.length} of ${scenarios.length} scenarios: ${giveAways.map((i) => i.id).join(', ')}`,
        );
      });
    }

    it('keep the options of a scenario of similar length (none under 55 % of the longest)', () => {
      const uneven = scenarios.filter((i) => {
        const lengths = i.options!.map(optionLength);
        return Math.min(...lengths) < 0.55 * Math.max(...lengths);
      });
      assert.deepEqual(
        uneven.map((i) => `${i.id}: ${i.options!.map(optionLength).join('/')}`),
        [],
        'options far shorter than the others',
      );
    });

    it('have no absurd distractors', () => {
      const absurd = scenarios.flatMap((i) =>
        i.options!.filter((o) => ABSURD.test(o.text.nl)).map((o) => `${i.id}${o.id}: ${o.text.nl}`),
      );
      assert.deepEqual(absurd, [], 'options nobody would pick');
    });

    it('spread the right answers over the positions', () => {
      for (const count of [3, 4]) {
        const group = scenarios.filter((i) => i.options!.length === count);
        if (group.length === 0) continue;
        const positions = Array.from({ length: count }, (_, p) => group.filter((i) => i.answer === 'abcd'[p]).length);
        const expected = group.length / count;
        const slack = Math.max(2, Math.ceil(expected * 0.5));
        assert.ok(
          positions.every((n) => Math.abs(n - expected) <= slack),
          `${count}-option scenarios: right answers per position ${positions.join('/')} (expected about ${expected.toFixed(1)} each)`,
        );
      }
    });
  });

  describe('true/false checks', () => {
    it('balance true and false statements in every domain', () => {
      const byDomain = new Map<string, { yes: number; no: number }>();
      for (const i of items.filter((x) => x.type === 'knowledge')) {
        const c = byDomain.get(i.domain) ?? { yes: 0, no: 0 };
        if (i.answer === true) c.yes++;
        else c.no++;
        byDomain.set(i.domain, c);
      }
      for (const [domain, c] of byDomain) {
        const total = c.yes + c.no;
        assert.ok(
          Math.abs(c.yes - c.no) <= Math.max(1, Math.round(total * 0.2)),
          `${domain}: ${c.yes} true, ${c.no} false statements`,
        );
      }
    });
  });

  describe('true/false checks without give-aways', () => {
    it('do not let absolute words ("altijd", "nooit", "zonder zorgen") tell that a statement is false', () => {
      const absolute = items.filter(
        (i) => i.type === 'knowledge' && /\b(altijd|nooit|zonder zorgen|zeker weten)\b/i.test(i.text.nl),
      );
      const falseOnes = absolute.filter((i) => i.answer === false);
      assert.ok(
        falseOnes.length <= Math.max(1, 0.6 * absolute.length),
        `${falseOnes.length} of ${absolute.length} statements with an absolute word are false: ${falseOnes.map((i) => i.id).join(', ')}`,
      );
    });
  });

  describe('language', () => {
    it('use no gendered default pronouns for a colleague or a resident', () => {
      const found = [
        ...allTexts('nl').filter((t) => GENDERED_NL.test(t.text)),
        ...allTexts('en').filter((t) => GENDERED_EN.test(t.text)),
      ].map((t) => `${t.where}: ${t.text}`);
      assert.deepEqual(found, [], 'write "je collega", "de telefoon", "they" instead');
    });

    it('use the words of the glossary, in the items and the bot texts alike', () => {
      const found: string[] = [];
      for (const lang of ['nl', 'en'] as const) {
        for (const entry of glossary[lang]) {
          const pattern = glossaryPattern(entry);
          for (const t of allTexts(lang)) {
            if (pattern.test(t.text)) found.push(`${t.where}: "${entry.wrong}" → "${entry.right}"`);
          }
        }
      }
      assert.deepEqual(found, []);
    });

    it('keep sentences short enough for the level of the item', () => {
      const long = items.flatMap((i) => {
        const limit = READABILITY[i.difficulty].maxWords;
        const texts = [i.text.nl, ...(i.options ?? []).map((o) => o.text.nl), i.explanation?.nl ?? ''];
        return texts
          .filter((t) => longestSentence(t) > limit)
          .map((t) => `${i.id} (level ${i.difficulty}, at most ${limit} words): ${t}`);
      });
      assert.deepEqual(long, []);
    });

    it('read easily enough for each level (Flesch–Douma over all Dutch item texts of that level)', () => {
      for (const [level, { minEase }] of Object.entries(READABILITY)) {
        const texts = items
          .filter((i) => i.difficulty === Number(level))
          .flatMap((i) => [i.text.nl, ...(i.options ?? []).map((o) => o.text.nl), i.explanation?.nl ?? ''])
          .map((t) => (/[.?!:]$/.test(t) ? t : `${t}.`));
        const ease = fleschDouma(texts.join(' '));
        assert.ok(ease >= minEase, `level ${level}: Flesch–Douma ${ease.toFixed(1)}, at least ${minEase}`);
      }
    });

    it('end every Dutch sentence in a question or statement, not in a list of clauses', () => {
      const runOn = items.filter((i) => sentences(i.text.nl).length > 4).map((i) => i.id);
      assert.deepEqual(runOn, [], 'items of more than four sentences');
    });
  });

  describe("the municipality's own words", () => {
    const known = new Set(TERM_DEFINITIONS.map((d) => d.id));

    it('use only placeholders that are known terms, the same ones in Dutch and English', () => {
      const problems: string[] = [];
      for (const t of rawSeedTexts) {
        const [inNl, inEn] = [placeholdersIn(t.nl), placeholdersIn(t.en)];
        for (const id of [...inNl, ...inEn])
          if (!known.has(id)) problems.push(`${t.where}: {${id}} is not in seeds/scan/terms.json`);
        if ([...inNl].sort().join() !== [...inEn].sort().join())
          problems.push(`${t.where}: Dutch has {${inNl.join('}, {')}}, English {${inEn.join('}, {')}}`);
      }
      for (const t of [...botTexts.nl, ...botTexts.en])
        for (const id of placeholdersIn(t.text).filter((p) => known.has(p)))
          problems.push(`${t.where}: {${id}} in a bot text (fill it where the card is built, or name it otherwise)`);
      assert.deepEqual(problems, []);
    });

    it('put no article before a placeholder, so a bare name ("JOIN") reads as well as the default', () => {
      const found = rawSeedTexts.flatMap((t) =>
        [t.nl, t.en]
          .filter((text) => /\b(het|de|een|the|a|an)\s+\{[a-z-]+\}/i.test(text))
          .map((text) => `${t.where}: ${text}`),
      );
      assert.deepEqual(found, [], 'the default carries the article ("het zaaksysteem"), the text does not');
    });

    it('read fine with the defaults: no braces left, every sentence starting with a capital', () => {
      const found = seedTexts.flatMap((t) =>
        [t.nl, t.en]
          .filter((text) => /[{}]/.test(text) || /(^|[.?!]\s+)[a-z]/.test(text))
          .map((text) => `${t.where}: ${text}`),
      );
      assert.deepEqual(found, []);
    });

    it('give every term a default with its article in both languages, and use every term', () => {
      for (const d of TERM_DEFINITIONS) {
        assert.match(d.default.nl, /^(het|de) \S/, `${d.id}: Dutch default with "het" or "de"`);
        assert.match(d.default.en, /^the \S/, `${d.id}: English default with "the"`);
        assert.ok(
          rawSeedTexts.some((t) => placeholdersIn(t.nl).includes(d.id)),
          `${d.id} is defined but no item or module uses it`,
        );
      }
    });
  });

  describe('DigComp 2.2', () => {
    it('maps every item to one DigComp 2.2 competence', () => {
      const unmapped = items.filter((i) => !i.digcomp || !DIGCOMP.has(i.digcomp)).map((i) => i.id);
      assert.deepEqual(unmapped, [], 'items without a valid "digcomp" field (e.g. "2.5")');
    });

    it('covers netiquette, digital identity, health and well-being, and the environment', () => {
      for (const competence of ['2.5', '2.6', '4.3', '4.4']) {
        const n = items.filter((i) => i.digcomp === competence).length;
        assert.ok(n >= 2, `DigComp ${competence} has ${n} items, at least 2`);
      }
    });
  });
});
