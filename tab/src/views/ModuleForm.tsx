import { Button, Field, Input, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type ModuleField, type ModuleRow, type RowProblem } from '../api';
import { Note } from '../components/Layout';
import { type Key, type Locale, t } from '../i18n';
import { problemText } from './CatalogueImport';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))',
    gap: tokens.spacingVerticalM,
    maxWidth: '60rem',
  },
  wide: { gridColumn: '1 / -1' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, gridColumn: '1 / -1' },
});

const LONG: ModuleField[] = ['description_nl', 'description_en'];
const FIELDS: ModuleField[] = [
  'id',
  'title_nl',
  'title_en',
  'domain',
  'levels',
  'format',
  'duration',
  'languages',
  'link',
  'profiles',
  'description_nl',
  'description_en',
];

/**
 * Add or edit one module. The server checks it like a row of an imported file and answers
 * with the problems per field; nothing is saved while there are any.
 */
export function ModuleForm(props: {
  api: Api;
  locale: Locale;
  /** Editing: the module's id and the version it was loaded at (If-Match). */
  editing: { id: string; version: string } | null;
  initial: ModuleRow;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { api, locale, editing } = props;
  const styles = useStyles();
  const [row, setRow] = useState<ModuleRow>(props.initial);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = editing
        ? await api.call(API.editModule, {
            params: { moduleId: editing.id },
            body: row,
            headers: { 'if-match': editing.version },
          })
        : await api.call(API.addModule, { body: row });
      setProblems(result.problems);
      if (!result.problems.length) props.onSaved();
    } catch (err) {
      setError((err as Error).message || t(locale, 'app.error'));
    } finally {
      setBusy(false);
    }
  };

  const problemOf = (f: ModuleField) => problems.find((p) => p.field === f);
  return (
    <form
      className={styles.form}
      aria-label={t(locale, editing ? 'catalogue.form.edit' : 'catalogue.form.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="module-form"
    >
      {FIELDS.map((f) => {
        const problem = problemOf(f);
        const Control = LONG.includes(f) ? Textarea : Input;
        return (
          <Field
            key={f}
            className={LONG.includes(f) ? styles.wide : undefined}
            label={t(locale, `catalogue.field.${f}` as Key)}
            hint={t(locale, `catalogue.hint.${f}` as Key)}
            validationState={problem ? 'error' : 'none'}
            validationMessage={problem ? problemText(locale, problem).message : undefined}
            required={
              f === 'id' || f === 'title_nl' || f === 'domain' || f === 'levels' || f === 'format' || f === 'duration'
            }
          >
            <Control
              value={row[f] ?? ''}
              disabled={f === 'id' && Boolean(editing)}
              onChange={(_: unknown, v: { value: string }) => setRow({ ...row, [f]: v.value })}
              data-testid={`module-${f}`}
            />
          </Field>
        );
      })}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy} data-testid="module-save">
          {t(locale, 'catalogue.form.save')}
        </Button>
        <Button onClick={props.onCancel}>{t(locale, 'catalogue.form.cancel')}</Button>
      </div>
      {problems.length > 0 && (
        <div className={styles.wide}>
          <Note intent="warning">{t(locale, 'catalogue.form.problems')}</Note>
        </div>
      )}
      {error && (
        <div className={styles.wide}>
          <Note intent="error">{error}</Note>
        </div>
      )}
    </form>
  );
}
