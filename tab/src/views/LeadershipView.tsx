import { Button, makeStyles, ProgressBar, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { API, type Api, type LeadershipState } from '../api';
import { Muted, Note, Section } from '../components/Layout';
import { Privacy } from '../components/Privacy';
import { Failed, Loading } from '../components/Status';
import { type Key, type Locale, t, tn } from '../i18n';
import type { ChartPalette } from '../theme';
import { useLoad } from '../use-load';
import { LeadershipResultView } from './LeadershipResultView';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: '0',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  statement: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  progress: { maxWidth: '480px' },
  h3: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400 },
});

type Mode = 'intro' | 'step' | 'form' | 'result';

/** "Mijn leiderschapsscan": take it one statement at a time or as a form; then the private result. */
export function LeadershipView(props: {
  api: Api;
  locale: Locale;
  palette: ChartPalette;
  announce: (text: string) => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const state = useLoad(() => api.call(API.leadership), [api]);
  const [mode, setMode] = useState<Mode | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});

  useEffect(() => {
    if (!state.data) return;
    setAnswers(state.data.answers);
    setMode((m) => m ?? (state.data!.completedAt ? 'result' : 'intro'));
  }, [state.data]);

  if (state.loading && !state.data) return <Loading locale={locale} />;
  if (state.error) return <Failed locale={locale} error={state.error} retry={state.reload} />;
  const s = state.data!;
  const answered = Object.keys(answers).length;
  // Step by step and as one form answer the same way, and both end on the result.
  const answering = {
    api,
    locale,
    state: s,
    answers,
    onAnswer: (id: string, v: number) => setAnswers((a) => ({ ...a, [id]: v })),
    onDone: () => {
      setMode('result');
      state.reload();
    },
  };

  return (
    <div className={styles.stack}>
      <Privacy title={t(locale, 'privacy.title')} text={t(locale, 'privacy.leadership')} />
      {mode === 'intro' && (
        <Section id="leadership-intro" title={t(locale, 'leadership.introTitle')}>
          <p>{t(locale, 'leadership.intro', { total: s.total })}</p>
          <p>
            <strong>{t(locale, 'leadership.mode')}</strong>
          </p>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => setMode('step')}>
              {answered > 0
                ? t(locale, 'leadership.continue', { answered, total: s.total })
                : t(locale, 'leadership.startStep')}
            </Button>
            <Button onClick={() => setMode('form')}>{t(locale, 'leadership.mode.form')}</Button>
          </div>
        </Section>
      )}
      {mode === 'step' && <StepByStep {...answering} />}
      {mode === 'form' && <AsForm {...answering} />}
      {mode === 'result' && (
        <Result
          api={api}
          locale={locale}
          palette={props.palette}
          onRestart={() => {
            setAnswers({});
            setMode('intro');
            state.reload();
          }}
        />
      )}
    </div>
  );
}

interface AnswerProps {
  api: Api;
  locale: Locale;
  state: LeadershipState;
  answers: Record<string, number>;
  onAnswer(id: string, value: number): void;
  onDone: () => void;
}

function Scale(props: {
  locale: Locale;
  name: string;
  labelledBy: string;
  value: number | undefined;
  onChange: (v: number) => void;
  required?: boolean;
}) {
  return (
    <RadioGroup
      name={props.name}
      aria-labelledby={props.labelledBy}
      value={props.value ? String(props.value) : ''}
      onChange={(_, d) => props.onChange(Number(d.value))}
      required={props.required}
    >
      {[1, 2, 3, 4, 5].map((v) => (
        <Radio key={v} value={String(v)} label={`${v} · ${t(props.locale, `scale.${v}` as Key)}`} />
      ))}
    </RadioGroup>
  );
}

/** One statement per screen: the answer is saved before the next one shows, so the leader can stop at any time. */
function StepByStep(props: AnswerProps) {
  const { locale, state } = props;
  const styles = useStyles();
  const firstOpen = state.items.findIndex((i) => !(i.id in props.answers));
  const [at, setAt] = useState(firstOpen === -1 ? 0 : firstOpen);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const item = state.items[at];
  const value = props.answers[item.id];
  const last = at === state.items.length - 1;

  useEffect(() => heading.current?.focus(), [at]);

  const next = async () => {
    if (!value) {
      setProblem(t(locale, 'leadership.choose'));
      return;
    }
    setSaving(true);
    try {
      const saved = await props.api.call(API.leadershipAnswer, { body: { answers: { [item.id]: value } } });
      setProblem(null);
      if (last && saved.completedAt) props.onDone();
      else if (last) setAt(state.items.findIndex((i) => !(i.id in props.answers)));
      else setAt(at + 1);
    } catch {
      setProblem(t(locale, 'app.error'));
    } finally {
      setSaving(false);
    }
  };

  const dimension = state.dimensions.find((d) => d.id === item.dimension);
  return (
    <Section id="leadership-step" title={dimension?.name ?? t(locale, 'leadership.introTitle')}>
      <p ref={heading} tabIndex={-1} data-testid="leadership-progress">
        {t(locale, 'leadership.progress', { n: at + 1, total: state.items.length })}
      </p>
      {/* Fluent's bar, as the dashboards' goal bars: not the browser's own blue one. */}
      <ProgressBar
        className={styles.progress}
        value={(at + 1) / state.items.length}
        max={1}
        thickness="large"
        aria-label={t(locale, 'leadership.progress', { n: at + 1, total: state.items.length })}
        data-testid="leadership-progressbar"
      />
      <fieldset className={styles.fieldset}>
        <legend id={`st-${item.id}`} className={`${styles.legend} ${styles.statement}`}>
          {item.text}
        </legend>
        <Scale
          locale={locale}
          name={item.id}
          labelledBy={`st-${item.id}`}
          value={value}
          onChange={(v) => props.onAnswer(item.id, v)}
          required
        />
      </fieldset>
      {problem && <Note intent="warning">{problem}</Note>}
      <div className={styles.row}>
        <Button disabled={at === 0 || saving} onClick={() => setAt(at - 1)}>
          {t(locale, 'leadership.previous')}
        </Button>
        <Button appearance="primary" disabled={saving} onClick={() => void next()} data-testid="leadership-next">
          {last ? t(locale, 'leadership.finish') : t(locale, 'leadership.next')}
        </Button>
      </div>
    </Section>
  );
}

/** All statements on one page, grouped per theme; one save at the end. */
function AsForm(props: AnswerProps) {
  const { locale, state } = props;
  const styles = useStyles();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const missing = state.items.filter((i) => !(i.id in props.answers));
    if (missing.length) {
      setProblem(tn(locale, 'leadership.missing', missing.length, { n: missing.length }));
      document.querySelector<HTMLInputElement>(`input[name="${missing[0].id}"]`)?.focus();
      return;
    }
    setSaving(true);
    try {
      await props.api.call(API.leadershipAnswer, { body: { answers: props.answers } });
      props.onDone();
    } catch {
      setProblem(t(locale, 'app.error'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Section id="leadership-form" title={t(locale, 'leadership.formTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {state.dimensions.map((d) => (
          <div key={d.id}>
            <h3 className={styles.h3}>{d.name}</h3>
            <Muted>{d.description}</Muted>
            {state.items
              .filter((i) => i.dimension === d.id)
              .map((i) => (
                <fieldset key={i.id} className={styles.fieldset} style={{ marginTop: 8 }}>
                  <legend id={`f-${i.id}`} className={styles.legend}>
                    {i.text}
                  </legend>
                  <Scale
                    locale={locale}
                    name={i.id}
                    labelledBy={`f-${i.id}`}
                    value={props.answers[i.id]}
                    onChange={(v) => props.onAnswer(i.id, v)}
                  />
                </fieldset>
              ))}
          </div>
        ))}
        {problem && <Note intent="warning">{problem}</Note>}
        <div className={styles.row} style={{ marginTop: 16 }}>
          <Button type="submit" appearance="primary" disabled={saving} data-testid="leadership-submit">
            {t(locale, 'leadership.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

function Result(props: { api: Api; locale: Locale; palette: ChartPalette; onRestart(): void }) {
  const result = useLoad(() => props.api.call(API.leadershipResult), [props.api]);
  if (result.loading) return <Loading locale={props.locale} />;
  if (result.error) return <Failed locale={props.locale} error={result.error} retry={result.reload} />;
  return (
    <LeadershipResultView
      result={result.data!}
      locale={props.locale}
      palette={props.palette}
      onRestart={async () => {
        await props.api.call(API.leadershipReset);
        props.onRestart();
      }}
    />
  );
}
