import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { API, type Api } from '../api';
import { applyTerms, isValidTermWord } from '../../../bot/domain/terms/terms';
import { Muted, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { SaveRow, useVersionedSave } from '../components/VersionedSave';
import { type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem' },
  term: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  preview: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

type Words = Record<string, { nl: string; en: string }>;

/**
 * "Eigen woorden": the programme admin names the systems the scan mentions ("JOIN" for
 * the case system). A preview shows a question as employees will see it, with what is
 * typed now; saving sends the loaded version (If-Match), like the settings.
 */
export function OwnWordsPanel(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onSaved?: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const loaded = useLoad(() => api.call(API.terms), [api]);
  const [words, setWords] = useState<Words>({});
  const saving = useVersionedSave({
    locale,
    savedKey: 'terms.saved',
    announce: props.announce,
    onSaved: props.onSaved,
  });

  useEffect(() => {
    if (!loaded.data) return;
    setWords(Object.fromEntries(loaded.data.terms.map((r) => [r.id, { nl: r.own?.nl ?? '', en: r.own?.en ?? '' }])));
    saving.setVersion(loaded.data.version);
  }, [loaded.data]);

  const valid = (v: string) => v.trim() === '' || isValidTermWord(v.trim());
  const allValid = Object.values(words).every(
    (w) => valid(w.nl) && valid(w.en) && (w.nl.trim() !== '' || w.en.trim() === ''),
  );
  /** The word a card would show now, in the tab's language. */
  const shown = (id: string): string | undefined => {
    const row = loaded.data?.terms.find((r) => r.id === id);
    if (!row) return undefined;
    const w = words[id] ?? { nl: '', en: '' };
    const nl = w.nl.trim();
    const en = w.en.trim();
    if (!nl || !valid(nl)) return row.default[locale];
    return locale === 'en' && en && valid(en) ? en : nl;
  };
  const edit = (id: string, lang: 'nl' | 'en', value: string) => {
    saving.clearMessage();
    setWords((current) => ({ ...current, [id]: { ...(current[id] ?? { nl: '', en: '' }), [lang]: value } }));
  };

  const save = async () => {
    if (!allValid) return;
    const terms = Object.fromEntries(
      Object.entries(words).map(([id, w]) => [id, w.nl.trim() ? { nl: w.nl.trim(), en: w.en.trim() } : null]),
    );
    await saving.save((ifMatch) => api.call(API.saveTerms, { body: { terms }, headers: { 'if-match': ifMatch } }));
  };

  return (
    <Section id="own-words" title={t(locale, 'terms.title')}>
      <Muted>{t(locale, 'terms.intro')}</Muted>
      {loaded.loading && !loaded.data && <Loading locale={locale} />}
      {loaded.error && <Failed locale={locale} error={loaded.error} retry={loaded.reload} />}
      {loaded.data && (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          aria-label={t(locale, 'terms.title')}
        >
          {loaded.data.terms.map((row) => {
            const w = words[row.id] ?? { nl: '', en: '' };
            const example = row.examples[0]?.[locale];
            return (
              <fieldset key={row.id} className={styles.term} data-testid={`term-${row.id}`}>
                <legend className={styles.legend}>{row.label[locale]}</legend>
                <div className={styles.row}>
                  <Field
                    label={t(locale, 'terms.nl')}
                    hint={`${row.hint[locale]}. ${t(locale, 'terms.default', { word: row.default.nl })}`}
                    validationMessage={valid(w.nl) ? undefined : t(locale, 'terms.invalid')}
                    validationState={valid(w.nl) ? 'none' : 'error'}
                  >
                    <Input
                      value={w.nl}
                      maxLength={40}
                      onChange={(_, v) => edit(row.id, 'nl', v.value)}
                      data-testid={`term-${row.id}-nl`}
                    />
                  </Field>
                  <Field
                    label={t(locale, 'terms.en')}
                    hint={t(locale, 'terms.enHint')}
                    validationMessage={
                      !valid(w.en)
                        ? t(locale, 'terms.invalid')
                        : w.en.trim() && !w.nl.trim()
                          ? t(locale, 'terms.enWithoutNl')
                          : undefined
                    }
                    validationState={valid(w.en) && (w.nl.trim() !== '' || w.en.trim() === '') ? 'none' : 'error'}
                  >
                    <Input
                      value={w.en}
                      maxLength={40}
                      onChange={(_, v) => edit(row.id, 'en', v.value)}
                      data-testid={`term-${row.id}-en`}
                    />
                  </Field>
                </div>
                {example && (
                  <p className={styles.preview} data-testid={`term-${row.id}-preview`}>
                    <strong>{t(locale, 'terms.preview')}</strong> {applyTerms(example, shown)}
                  </p>
                )}
              </fieldset>
            );
          })}
          <SaveRow
            locale={locale}
            label={t(locale, 'terms.save')}
            testId="terms-save"
            disabled={!allValid}
            state={saving}
            reload={loaded.reload}
          />
        </form>
      )}
    </Section>
  );
}
