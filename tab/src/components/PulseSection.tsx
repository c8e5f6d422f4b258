import { API, type Api } from '../api';
import { type Locale, formatNumber, percent, t } from '../i18n';
import { useLoad } from '../use-load';
import { DataTable } from './DataTable';
import { Muted, Note, Section } from './Layout';

/** The feedback pulse on the programme view: per module and for help, from the threshold of answers up. */
export function PulseSection({ api, locale }: { api: Api; locale: Locale }) {
  const pulse = useLoad(() => api.call(API.programmePulse), [api]);
  const data = pulse.data;
  if (!data) return null;
  return (
    <Section id="pulse" title={t(locale, 'pulse.title')}>
      <Muted>{t(locale, 'pulse.intro', { k: data.threshold })}</Muted>
      {data.topics.length === 0 ? (
        <Note>{t(locale, 'pulse.none')}</Note>
      ) : (
        <DataTable
          locale={locale}
          caption={t(locale, 'pulse.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'pulse.title') })}
          testId="pulse-table"
          rows={data.topics}
          rowKey={(x) => x.moduleId ?? x.about}
          columns={[
            {
              header: t(locale, 'pulse.what'),
              cell: (x) => (x.about === 'help' ? t(locale, 'pulse.help') : (x.title ?? x.moduleId ?? '')),
            },
            { header: t(locale, 'pulse.answers'), numeric: true, cell: (x) => x.answers },
            { header: t(locale, 'pulse.useful'), numeric: true, cell: (x) => formatNumber(locale, x.meanUseful) },
            {
              header: t(locale, 'pulse.recommend'),
              numeric: true,
              cell: (x) => (x.recommendRate === null ? t(locale, 'common.none') : percent(locale, x.recommendRate)),
            },
          ]}
        />
      )}
    </Section>
  );
}
