import assert from 'node:assert/strict';
import { DEFAULT_TERMS, TERM_DEFINITIONS } from '../../../bot/domain/terms/definitions';
import { applyTerms, isValidTermWord, Terms } from '../../../bot/domain/terms/terms';
import { parseTermsChange } from '../../../bot/http/terms-change';

describe("a municipality's own words for its systems", () => {
  const join = new Terms([...TERM_DEFINITIONS], {
    zaaksysteem: { nl: 'JOIN' },
    intranet: { nl: 'het Plein', en: 'Plein' },
  });

  it('fills a placeholder with the default, capitalised at the start of a sentence', () => {
    assert.equal(
      DEFAULT_TERMS.apply('Ik kan in {zaaksysteem} een zaak opzoeken.', 'nl'),
      'Ik kan in het zaaksysteem een zaak opzoeken.',
    );
    assert.equal(DEFAULT_TERMS.apply('{intranet} is de interne website.', 'nl'), 'Het intranet is de interne website.');
    assert.equal(DEFAULT_TERMS.apply('Meld het. {servicedesk} helpt.', 'nl'), 'Meld het. De servicedesk helpt.');
    assert.equal(DEFAULT_TERMS.apply('{personeelsportaal} shows it.', 'en'), 'The staff portal shows it.');
  });

  it("shows the tenant's own word, and its Dutch word in English when no English one is set", () => {
    assert.equal(join.apply('Werken met {zaaksysteem}', 'nl'), 'Werken met JOIN');
    assert.equal(join.apply('Working with {zaaksysteem}', 'en'), 'Working with JOIN');
    assert.equal(join.apply('{intranet} verkennen', 'nl'), 'Het Plein verkennen');
    assert.equal(join.apply('Exploring {intranet}', 'en'), 'Exploring Plein');
    assert.equal(
      join.apply('Bel {servicedesk}.', 'nl'),
      'Bel de servicedesk.',
      'terms without an own word keep the default',
    );
  });

  it('leaves a name with capitals of its own as it is at the start of a sentence', () => {
    const own = new Terms([...TERM_DEFINITIONS], { intranet: { nl: 'iPlein' } });
    assert.equal(own.apply('{intranet} is de interne website.', 'nl'), 'iPlein is de interne website.');
  });

  it('leaves unknown placeholders visible, so a test or the linter sees them', () => {
    assert.equal(
      applyTerms('Open {onbekend} en {count}.', () => undefined),
      'Open {onbekend} en {count}.',
    );
    assert.equal(DEFAULT_TERMS.apply('Vraag {position} van {total}', 'nl'), 'Vraag {position} van {total}');
  });

  it('accepts plain names and refuses markup, Markdown, braces, line breaks and long words', () => {
    for (const ok of [
      'JOIN',
      'AFAS Insite',
      'het Plein',
      'Corsa 8.1',
      'Topdesk',
      'ICT-servicedesk',
      'Mijn&Co',
      'iPlein',
    ])
      assert.ok(isValidTermWord(ok), ok);
    for (const bad of [
      '',
      ' JOIN',
      '**JOIN**',
      '[JOIN](https://evil.example)',
      '<b>JOIN</b>',
      '{intranet}',
      'JOIN\nregel',
      '# kop',
      '`code`',
      'x'.repeat(41),
      'JOIN  twee',
      '_JOIN_',
    ])
      assert.equal(isValidTermWord(bad), false, JSON.stringify(bad));
  });

  it('reads a change from the panel: trimmed words, empty for the default, and refuses anything else whole', () => {
    assert.deepEqual(parseTermsChange({ terms: { zaaksysteem: { nl: ' JOIN ', en: '' } } }), {
      zaaksysteem: { nl: 'JOIN' },
    });
    assert.deepEqual(parseTermsChange({ terms: { intranet: { nl: 'het Plein', en: 'Plein' }, servicedesk: null } }), {
      intranet: { nl: 'het Plein', en: 'Plein' },
      servicedesk: null,
    });
    assert.deepEqual(parseTermsChange({ terms: { intranet: { nl: '' } } }), { intranet: null });
    for (const body of [
      {},
      { terms: {} },
      { terms: [] },
      { terms: { zaaksysteem: 'JOIN' } },
      { terms: { zaaksysteem: { nl: '**JOIN**' } } },
      { terms: { zaaksysteem: { nl: 'JOIN', en: '<i>x</i>' } } },
      { terms: { zaaksysteem: { nl: '', en: 'JOIN' } } },
      { terms: { zaaksysteem: { nl: 'JOIN', de: 'JOIN' } } },
      { terms: { zaaksysteem: { nl: 12 } } },
      { terms: { zaaksysteem: { nl: 'JOIN' } }, retentionMonths: 12 },
    ])
      assert.throws(() => parseTermsChange(body), /invalid_terms|terms/, JSON.stringify(body));
  });
});
