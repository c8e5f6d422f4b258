import assert from 'node:assert/strict';
import { en } from '../../../bot/i18n/en';
import { nl } from '../../../bot/i18n/nl';
import { t } from '../../../bot/i18n';

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

  it('fill placeholders and leave unknown ones visible', () => {
    assert.equal(t('nl', 'welcome.title', { name: ', Jan' }), 'Welkom bij Digivaardig, Jan');
    assert.equal(t('en', 'welcome.title'), 'Welcome to Digivaardig{name}');
  });
});
