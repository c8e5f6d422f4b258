import { Button, Checkbox, Field, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api, type ImportReport, type ImportRequest, type RowProblem } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section } from '../components/Layout';
import { type Key, type Locale, isKey, t } from '../i18n';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** A problem of a row in the admin's words: the field's label and what is wrong with the value. */
export function problemText(locale: Locale, p: RowProblem): { field: string; message: string } {
  const fieldKey = `catalogue.field.${p.field}` as Key;
  const field = isKey(fieldKey) ? t(locale, fieldKey) : p.field;
  const message = t(locale, `catalogue.problem.${p.code}` as Key, { value: p.value ?? '' });
  return { field, message };
}

/**
 * Import a catalogue file: a dry run first (nothing changes) that lists every problem per row;
 * only a file without problems can be imported, and only onto the catalogue the dry run saw.
 */
export function CatalogueImport(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onImported: () => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const [file, setFile] = useState<{ name: string; request: Omit<ImportRequest, 'retireMissing'> } | null>(null);
  const [retireMissing, setRetireMissing] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const choose = async (chosen: File | undefined) => {
    setReport(null);
    setMessage(null);
    if (!chosen) return setFile(null);
    const kind = chosen.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    setFile({ name: chosen.name, request: { kind, text: await chosen.text() } });
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const body: ImportRequest = { ...file.request, retireMissing };
      const result = await api.call(API.importCatalogue, {
        body,
        query: dryRun ? { dryRun: 'true' } : {},
        headers: dryRun || !report ? {} : { 'if-match': report.version },
      });
      setReport(result);
      const text = summary(locale, result);
      props.announce(text);
      if (result.applied) {
        setMessage({ intent: 'success', text });
        props.onImported();
      }
    } catch (err) {
      const text = (err as Error).message || t(locale, 'app.error');
      setMessage({ intent: 'error', text });
      props.announce(text);
    } finally {
      setBusy(false);
    }
  };

  const problems = report?.problems ?? [];
  const canImport = Boolean(report && !report.applied && problems.length === 0);
  return (
    <Section id="catalogue-import" title={t(locale, 'catalogue.import.title')}>
      <Muted>{t(locale, 'catalogue.import.intro')}</Muted>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        {/* A native file input: Fluent has none, so the label is tied to it by id. */}
        <Field
          label={{ children: t(locale, 'catalogue.import.file'), htmlFor: 'catalogue-file-input' }}
          hint={file?.name}
        >
          <input
            id="catalogue-file-input"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => void choose(e.target.files?.[0])}
            data-testid="catalogue-file"
          />
        </Field>
        <Checkbox
          checked={retireMissing}
          onChange={(_, v) => {
            setRetireMissing(Boolean(v.checked));
            setReport(null);
          }}
          label={t(locale, 'catalogue.import.retireMissing')}
          data-testid="catalogue-retire-missing"
        />
        <div className={styles.row}>
          <Button type="submit" disabled={!file || busy} data-testid="catalogue-check">
            {t(locale, 'catalogue.import.check')}
          </Button>
          <Button
            appearance="primary"
            disabled={!canImport || busy}
            onClick={() => void run(false)}
            data-testid="catalogue-import"
          >
            {t(locale, 'catalogue.import.import')}
          </Button>
        </div>
      </form>
      {report && !report.applied && (
        <div data-testid="catalogue-report">
          <Note intent={problems.length ? 'warning' : 'success'}>{summary(locale, report)}</Note>
        </div>
      )}
      {problems.length > 0 && (
        <DataTable
          locale={locale}
          caption={t(locale, 'catalogue.problems.caption', { count: problems.length })}
          regionLabel={t(locale, 'catalogue.problems.caption', { count: problems.length })}
          testId="catalogue-problems"
          columns={[
            {
              header: t(locale, 'catalogue.problems.row'),
              cell: (p) => (p.row ? p.row : t(locale, 'catalogue.problems.file')),
            },
            { header: t(locale, 'catalogue.problems.field'), cell: (p) => problemText(locale, p).field },
            { header: t(locale, 'catalogue.problems.message'), cell: (p) => problemText(locale, p).message },
          ]}
          rows={problems.map((p, i) => ({ ...p, i }))}
          rowKey={(p) => String(p.i)}
        />
      )}
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </Section>
  );
}

function summary(locale: Locale, r: ImportReport): string {
  const counts = { added: r.added, updated: r.updated, unchanged: r.unchanged, retired: r.retired };
  if (r.applied) return t(locale, 'catalogue.import.done', counts);
  const read = t(locale, 'catalogue.import.read', { rows: r.rows, valid: r.valid });
  return r.problems.length
    ? `${read} ${t(locale, 'catalogue.import.problems', { count: r.problems.length })}`
    : `${read} ${t(locale, 'catalogue.import.ready', counts)}`;
}
