import assert from 'node:assert/strict';
import { en } from '../../../bot/i18n/en';
import { nl } from '../../../bot/i18n/nl';
import { t, tn } from '../../../bot/i18n';
import { translator } from '../../../bot/i18n/translator';
import * as tab from '../../../tab/src/i18n';

describe('the message catalogues', () => {
  it('have the same keys in Dutch and English', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(nl).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(nl) as Array<keyof typeof nl>) {
      assert.deepEqual(placeholders(en[key]), placeholders(nl[key]), key);
    }
  });

  it('come in pairs for counts: every `.one` has its `.other`, and 1 takes the singular', () => {
    for (const key of Object.keys(nl).filter((k) => k.endsWith('.one')))
      assert.ok(`${key.slice(0, -4)}.other` in nl, key);
    for (const key of Object.keys(nl).filter((k) => k.endsWith('.other')))
      assert.ok(`${key.slice(0, -6)}.one` in nl, key);
    assert.equal(tn('nl', 'privacy.scans', 1, { date: '3 maart 2026' }), 'Zelfscan: 1 uitslag, van 3 maart 2026');
    assert.equal(
      tn('nl', 'privacy.scans', 2, { date: '3 maart 2026' }),
      'Zelfscan: 2 uitslagen, de laatste van 3 maart 2026',
    );
    assert.equal(tn('en', 'privacy.deleted.body', 1), 'We deleted 1 item. You can keep using Digivaardig.');
    assert.equal(tn('en', 'privacy.deleted.body', 0), 'We deleted 0 items. You can keep using Digivaardig.');
    for (const catalogue of [nl, en])
      assert.doesNotMatch(Object.values(catalogue).join('\n'), /\w\((s|en)\)/, 'no "uitslag(en)" or "result(s)"');
  });

  it('give error cards a body that does not repeat their title', () => {
    for (const [locale, catalogue] of [
      ['nl', nl],
      ['en', en],
    ] as const) {
      const title = catalogue['error.title'].toLowerCase();
      for (const [key, body] of Object.entries(catalogue)) {
        if (key.startsWith('error.') && key !== 'error.title')
          assert.ok(!body.toLowerCase().startsWith(title), `${locale} ${key}: "${body}"`);
      }
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    assert.equal(t('nl', 'welcome.title', { name: ', Jan' }), 'Welkom bij Digivaardig, Jan');
    assert.equal(t('en', 'welcome.title'), 'Welcome to Digivaardig{name}');
  });
});

describe('the tab’s catalogue, under the same rules as the bot’s', () => {
  const { nl: tabNl, en: tabEn } = tab.catalogues;

  it('has the same keys and placeholders in Dutch and English', () => {
    assert.deepEqual(Object.keys(tabEn).sort(), Object.keys(tabNl).sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(tabNl) as tab.Key[])
      assert.deepEqual(placeholders(tabEn[key]), placeholders(tabNl[key]), key);
  });

  it('pairs every `.one` with its `.other`, the convention the bot uses', () => {
    for (const key of Object.keys(tabNl).filter((k) => k.endsWith('.one')))
      assert.ok(`${key.slice(0, -4)}.other` in tabNl, key);
    for (const key of Object.keys(tabNl).filter((k) => k.endsWith('.other')))
      assert.ok(`${key.slice(0, -6)}.one` in tabNl, key);
    assert.match(tab.tn('nl', 'myData.deleted', 1, { count: 1 }), /\(1 onderdeel\)/);
    assert.match(tab.tn('nl', 'myData.deleted', 0, { count: 0 }), /\(0 onderdelen\)/);
  });
});

describe('one word per concept (bot/i18n/stijlgids.md)', () => {
  it('names the help medians the same on the dashboard, in the coach table and in the export', () => {
    const { nl: tabNl, en: tabEn } = tab.catalogues;
    for (const [tabCat, botCat] of [
      [tabNl, nl],
      [tabEn, en],
    ] as const) {
      assert.equal(tabCat['coaches.medianAccept'], tabCat['help.accept']);
      assert.equal(tabCat['coaches.medianResolve'], tabCat['help.resolve']);
      assert.equal(botCat['tab.csv.medianAccept'], `${tabCat['help.accept']} (min)`);
      assert.equal(botCat['tab.csv.medianResolve'], `${tabCat['help.resolve']} (min)`);
    }
  });
});

describe('the shared translator', () => {
  const nl = { 'a.one': '{count} uitslag van {who}', 'a.other': '{count} uitslagen van {who}', year: 'Jaar {y}' };
  // English lacks a text, as a catalogue can while a translation is under way.
  const en = { 'a.one': '{count} result of {who}', 'a.other': '{count} results of {who}' } as typeof nl;
  const catalogue = { nl, en };

  it('picks the singular for exactly one and the plural for 0, 2 and 1.5', () => {
    const { tn: count } = translator(catalogue, { numbers: 'plain' });
    assert.equal(count('nl', 'a', 1, { who: 'Jan' }), '1 uitslag van Jan');
    assert.equal(count('nl', 'a', 0, { who: 'Jan' }), '0 uitslagen van Jan');
    assert.equal(count('en', 'a', 2, { who: 'Jan' }), '2 results of Jan');
    assert.equal(count('en', 'a', 1.5, { who: 'Jan' }), '1.5 results of Jan');
  });

  it("writes numbers the reader's way only when asked, so years stay years", () => {
    assert.equal(
      translator(catalogue, { numbers: 'locale' }).tn('nl', 'a', 1234.56, { who: 'X' }),
      '1.234,6 uitslagen van X',
    );
    assert.equal(translator(catalogue, { numbers: 'plain' }).t('nl', 'year', { y: 2027 }), 'Jaar 2027');
  });

  it('falls back to Dutch for an English text that is missing, and leaves unknown placeholders visible', () => {
    const { t: say, isKey } = translator(catalogue, { numbers: 'plain' });
    assert.equal(say('en', 'year', { y: 2027 }), 'Jaar 2027');
    assert.equal(say('nl', 'a.one'), '{count} uitslag van {who}');
    assert.ok(isKey('year'));
    assert.ok(!isKey('nope'));
  });
});
