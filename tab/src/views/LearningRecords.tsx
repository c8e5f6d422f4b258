import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type CompletionImportReport as ImportReport, type NewCredential } from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { formatDate, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';
import type { Props } from './EventsView';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** The admin's learning records: a learning platform's completions (CSV, dry run first) and its statement key. */
export function LearningRecords(props: Props) {
  const { api, locale } = props;
  const styles = useStyles();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = useLoad(() => api.call(API.xapiCredential), [api]);
  const [secret, setSecret] = useState<NewCredential | null>(null);
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const r = await api.call(API.importCompletions, { body: { csv, dryRun } });
      setReport(r);
      props.announce(reportText(locale, r));
    } catch (err) {
      setError((err as Error).message);
      props.announce((err as Error).message);
    }
  };
  return (
    <Section id="learning-records" title={t(locale, 'records.title')}>
      <Muted>{t(locale, 'records.intro')}</Muted>
      <Field label={t(locale, 'records.csv')}>
        <Textarea value={csv} onChange={(_, v) => setCsv(v.value)} rows={6} data-testid="records-csv" />
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void run(true)} disabled={!csv.trim()}>
          {t(locale, 'records.dryRun')}
        </Button>
        <Button appearance="primary" onClick={() => void run(false)} disabled={!csv.trim()}>
          {t(locale, 'records.import')}
        </Button>
      </div>
      {error && <Note intent="error">{error}</Note>}
      {report && (
        <div role="status">
          <p>{reportText(locale, report)}</p>
          {report.problems.length > 0 && (
            <ul>
              {report.problems.map((p, i) => (
                <li key={i} data-testid="records-problem">
                  {t(locale, 'records.problem', {
                    row: p.row,
                    problem: t(locale, `records.code.${p.code}`),
                    value: p.value ? `(${p.value})` : '',
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h3>{t(locale, 'records.xapi')}</h3>
      <p>{t(locale, 'records.xapiIntro', { url: `${location.origin}/api/xapi/statements` })}</p>
      {status.data && <p>{t(locale, 'records.user', { user: status.data.username })}</p>}
      {status.data && (
        <p>
          {status.data.createdAt
            ? t(locale, 'records.xapiSince', { date: formatDate(locale, status.data.createdAt) })
            : t(locale, 'records.xapiNone')}
        </p>
      )}
      {secret && <p className={styles.code}>{t(locale, 'records.xapiSecret', { secret: secret.secret })}</p>}
      <Button
        onClick={() =>
          void api.call(API.newXapiCredential).then(
            (c) => (setSecret(c), status.reload()),
            (err: Error) => setError(err.message),
          )
        }
      >
        {t(locale, 'records.xapiRotate')}
      </Button>
    </Section>
  );
}

function reportText(locale: Locale, r: ImportReport): string {
  return t(locale, 'records.report', {
    rows: r.rows,
    recorded: r.recorded,
    already: r.alreadyRecorded,
    problems: r.problems.length,
  });
}
