import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../../bot/i18n/en';
import { nl } from '../../../bot/i18n/nl';
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

const items = load<Item[]>('scan/items.json');
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
const seedTexts = SEED_FILES.flatMap((f) => localizedTexts(load<unknown>(f), f));
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
