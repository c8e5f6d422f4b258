import { Button, Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { API, type Api } from '../api';
import type { ArticleEditRequest } from '../../../bot/http/knowledge-routes';
import type { TenantArticle } from '../../../bot/domain/knowledge/knowledge-ports';
import type { HelpFigures } from '../../../bot/domain/dashboard/figures';
import { DataTable } from '../components/DataTable';
import { Muted, Note, Section, Tiles } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { formatDate, formatNumber, type Locale, percent } from '../i18n';
import { tk } from '../i18n-coach-knowledge';
import { useLoad } from '../use-load';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '44rem',
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  h3: { margin: '0', fontSize: tokens.fontSizeBase400 },
});

type Domains = Array<{ id: string; name: string }>;
type Step = 'save' | 'publish' | 'reject';

/**
 * "Kennisbank": coaches' how-tos to review (edit, publish, reject), the tenant's own how-tos,
 * "Dit hielp me" / "Hielp niet" per how-to and the questions without a how-to (content gaps),
 * counts only and gaps only from the minimum count on.
 */
export function KnowledgeAdmin(props: {
  api: Api;
  locale: Locale;
  domains: Domains;
  /** The organisation's released help figures (the same daily release as the rest of the view). */
  help: { figures: HelpFigures; k: number } | null;
  announce: (text: string) => void;
}) {
  const { api, locale } = props;
  const styles = useStyles();
  const view = useLoad(() => api.call(API.knowledge), [api]);
  const d = view.data;
  const helpedTotal = d ? d.feedback.reduce((s, f) => s + f.helped, 0) : 0;

  return (
    <Section id="knowledge" title={tk(locale, 'knowledge.title')}>
      <Muted>{tk(locale, 'knowledge.intro')}</Muted>
      {props.help && (
        <div data-testid="knowledge-figures">
          <Tiles
            items={[
              {
                label: tk(locale, 'knowledge.share'),
                value:
                  props.help.figures.articleShare === null ? '–' : percent(locale, props.help.figures.articleShare),
              },
              { label: tk(locale, 'knowledge.solved'), value: formatNumber(locale, props.help.figures.articleSolved) },
              {
                label: tk(locale, 'knowledge.medianAnswer'),
                value:
                  props.help.figures.medianAnswerMinutes === null
                    ? '–'
                    : tk(locale, 'knowledge.minutes', { n: props.help.figures.medianAnswerMinutes }),
              },
            ]}
          />
          <Muted>{tk(locale, 'knowledge.figuresHelp', { k: props.help.k })}</Muted>
        </div>
      )}
      {view.loading && !d && <Loading locale={locale} />}
      {view.error && <Failed locale={locale} error={view.error} retry={view.reload} />}
      {d && (
        <div className={styles.stack}>
          <Muted>
            {tk(locale, 'knowledge.totals', {
              helped: helpedTotal,
              noMatch: d.totals.noMatch,
              escalated: d.totals.escalated,
            })}
          </Muted>
          <h3 className={styles.h3}>{tk(locale, 'knowledge.drafts')}</h3>
          {d.drafts.length === 0 ? (
            <Muted>{tk(locale, 'knowledge.noDrafts')}</Muted>
          ) : (
            <>
              <Note intent="warning">{tk(locale, 'knowledge.privacyCheck')}</Note>
              {d.drafts.map((a) => (
                <ArticleEditor
                  key={a.id}
                  api={api}
                  locale={locale}
                  article={a}
                  domains={props.domains}
                  announce={props.announce}
                  done={view.reload}
                />
              ))}
            </>
          )}
          <h3 className={styles.h3}>{tk(locale, 'knowledge.own')}</h3>
          {d.own.length === 0 ? (
            <Muted>{tk(locale, 'knowledge.noOwn')}</Muted>
          ) : (
            d.own.map((a) => (
              <ArticleEditor
                key={a.id}
                api={api}
                locale={locale}
                article={a}
                domains={props.domains}
                announce={props.announce}
                done={view.reload}
              />
            ))
          )}
          <h3 className={styles.h3}>{tk(locale, 'knowledge.feedback')}</h3>
          <Muted>{tk(locale, 'knowledge.feedbackIntro')}</Muted>
          {d.feedback.length === 0 ? (
            <Muted>{tk(locale, 'knowledge.noFeedback')}</Muted>
          ) : (
            <DataTable
              locale={locale}
              caption={tk(locale, 'knowledge.feedback')}
              regionLabel={tk(locale, 'knowledge.feedback')}
              testId="knowledge-feedback"
              rows={d.feedback}
              rowKey={(f) => f.articleId}
              columns={[
                { header: tk(locale, 'knowledge.article'), cell: (f) => f.title[locale] },
                { header: tk(locale, 'knowledge.helped'), cell: (f) => f.helped, numeric: true },
                { header: tk(locale, 'knowledge.notHelped'), cell: (f) => f.notHelped, numeric: true },
              ]}
            />
          )}
          <h3 className={styles.h3}>{tk(locale, 'knowledge.gaps')}</h3>
          <Muted>{tk(locale, 'knowledge.gapsIntro', { min: d.gapMinCount })}</Muted>
          {d.gaps.length === 0 ? (
            <Muted>{tk(locale, 'knowledge.noGaps', { min: d.gapMinCount })}</Muted>
          ) : (
            <DataTable
              locale={locale}
              caption={tk(locale, 'knowledge.gaps')}
              regionLabel={tk(locale, 'knowledge.gaps')}
              testId="knowledge-gaps"
              rows={d.gaps}
              rowKey={(g) => g.query}
              columns={[
                { header: tk(locale, 'knowledge.question'), cell: (g) => g.query },
                { header: tk(locale, 'knowledge.count'), cell: (g) => g.count, numeric: true },
                { header: tk(locale, 'knowledge.lastWeek'), cell: (g) => g.lastWeek },
              ]}
            />
          )}
        </div>
      )}
    </Section>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** One how-to as a small form: both languages, the topic and search words; save, publish, reject. */
function ArticleEditor(props: {
  api: Api;
  locale: Locale;
  article: TenantArticle;
  domains: Domains;
  announce: (text: string) => void;
  done: () => void;
}) {
  const { api, locale, article: a } = props;
  const styles = useStyles();
  const [titleNl, setTitleNl] = useState(a.title.nl);
  const [titleEn, setTitleEn] = useState(a.title.en);
  const [stepsNl, setStepsNl] = useState(a.steps.nl.join('\n'));
  const [stepsEn, setStepsEn] = useState(a.steps.en.join('\n'));
  const [tags, setTags] = useState(a.tags.join(', '));
  const [domain, setDomain] = useState(a.domain);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const run = async (step: Step) => {
    setBusy(true);
    try {
      const edit: ArticleEditRequest = {
        domain,
        title: { nl: titleNl.trim(), en: titleEn.trim() || titleNl.trim() },
        steps: { nl: lines(stepsNl), en: lines(stepsEn).length ? lines(stepsEn) : lines(stepsNl) },
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      };
      // Publishing sends the edit first, so what is published is what the admin sees.
      const params = { id: a.id };
      if (step !== 'reject') await api.call(API.editArticle, { params, body: edit });
      if (step !== 'save') await api.call(step === 'publish' ? API.publishArticle : API.rejectArticle, { params });
      const text = tk(
        locale,
        step === 'save' ? 'knowledge.saved' : step === 'publish' ? 'knowledge.published' : 'knowledge.rejected',
      );
      setMessage({ intent: 'success', text });
      props.announce(text);
      if (step !== 'save') props.done();
    } catch (err) {
      const text = (err as Error).message;
      setMessage({ intent: 'error', text });
      props.announce(text);
    } finally {
      setBusy(false);
    }
  };

  const state =
    a.state === 'draft'
      ? `${formatDate(locale, a.createdAt)}, ${tk(locale, 'knowledge.fromCoach')}`
      : `${tk(locale, a.state === 'published' ? 'knowledge.state.published' : 'knowledge.state.rejected')} · ${formatDate(locale, a.updatedAt)}`;
  return (
    <div className={styles.card} data-testid={`article-${a.id}`}>
      <Muted>{state}</Muted>
      <Field label={tk(locale, 'knowledge.titleNl')} required>
        <Input value={titleNl} maxLength={120} onChange={(_, v) => setTitleNl(v.value)} />
      </Field>
      <Field label={tk(locale, 'knowledge.stepsNl')} required>
        <Textarea value={stepsNl} resize="vertical" onChange={(_, v) => setStepsNl(v.value)} />
      </Field>
      <Field label={tk(locale, 'knowledge.titleEn')}>
        <Input value={titleEn} maxLength={120} onChange={(_, v) => setTitleEn(v.value)} />
      </Field>
      <Field label={tk(locale, 'knowledge.stepsEn')}>
        <Textarea value={stepsEn} resize="vertical" onChange={(_, v) => setStepsEn(v.value)} />
      </Field>
      <Field label={tk(locale, 'knowledge.tags')}>
        <Input value={tags} onChange={(_, v) => setTags(v.value)} />
      </Field>
      <Field label={tk(locale, 'knowledge.topic')}>
        <Select value={domain} onChange={(_, v) => setDomain(v.value)}>
          {props.domains.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void run('save')} disabled={busy}>
          {tk(locale, 'knowledge.save')}
        </Button>
        {a.state !== 'published' && (
          <Button appearance="primary" onClick={() => void run('publish')} disabled={busy}>
            {tk(locale, 'knowledge.publish')}
          </Button>
        )}
        {a.state !== 'rejected' && (
          <Button onClick={() => void run('reject')} disabled={busy}>
            {tk(locale, a.state === 'published' ? 'knowledge.withdraw' : 'knowledge.reject')}
          </Button>
        )}
      </div>
      {message && <Note intent={message.intent}>{message.text}</Note>}
    </div>
  );
}
