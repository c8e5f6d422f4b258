import assert from 'node:assert/strict';
import { en } from '../../../bot/i18n/en';
import { nl } from '../../../bot/i18n/nl';
import { t, tn } from '../../../bot/i18n';

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
