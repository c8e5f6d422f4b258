import { type AdminAuditEntry, API, type Api, SELF_ACTOR, SYSTEM_ACTOR } from '../api';
import { DataTable } from '../components/DataTable';
import { Muted, Section } from '../components/Layout';
import { Failed, Loading } from '../components/Status';
import { formatNumber, isKey as has, type Key, type Locale, t } from '../i18n';
import { useLoad } from '../use-load';

type Value = string | number | boolean | null | undefined;

/** The admin's log: who did what, when; people who exported or erased their own data are not named. */
export function AuditLog(props: { api: Api; locale: Locale; version: number }) {
  const { api, locale } = props;
  const log = useLoad(() => api.call(API.audit), [api, props.version]);
  const names = log.data?.names ?? {};
  const who = (e: AdminAuditEntry) =>
    e.actorId === SYSTEM_ACTOR
      ? t(locale, 'audit.system')
      : e.actorId === SELF_ACTOR
        ? t(locale, 'audit.someone')
        : (names[e.actorId] ?? e.actorId);
  const what = (e: AdminAuditEntry) => {
    const key = `audit.${e.action}` as Key;
    const target = e.targetUserId ? (names[e.targetUserId] ?? e.targetUserId) : '';
    return has(key) ? t(locale, key, { target }) : t(locale, 'audit.unknownAction', { action: e.action });
  };
  const value = (field: string, v: Value) => {
    if (v === null || v === undefined)
      return field === 'retentionMonths'
        ? t(locale, 'audit.value.keep')
        : field.startsWith('term.')
          ? t(locale, 'audit.value.default')
          : t(locale, 'common.none');
    if (typeof v === 'boolean') return t(locale, v ? 'audit.value.on' : 'audit.value.off');
    if (field === 'retentionMonths' && typeof v === 'number')
      return t(locale, 'audit.value.months', { n: formatNumber(locale, v) });
    return typeof v === 'number' ? formatNumber(locale, v) : v;
  };
  const details = (e: AdminAuditEntry) =>
    (e.changes ?? [])
      .map((c) => {
        const key = `audit.field.${c.field}` as Key;
        // An own word: "term.zaaksysteem.nl" reads "zaaksysteem (nl)".
        const term = /^term\.([a-z-]+)\.(nl|en)$/.exec(c.field);
        const label = has(key)
          ? t(locale, key)
          : term
            ? t(locale, 'audit.field.term', { term: term[1], lang: term[2] })
            : c.field;
        return 'from' in c
          ? `${label}: ${value(c.field, c.from)} → ${value(c.field, c.to)}`
          : `${label}: ${value(c.field, c.to)}`;
      })
      .join('; ');
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Section id="audit" title={t(locale, 'audit.title')}>
      <Muted>{t(locale, 'audit.intro')}</Muted>
      {log.loading && !log.data && <Loading locale={locale} />}
      {log.error && <Failed locale={locale} error={log.error} retry={log.reload} />}
      {log.data && log.data.entries.length === 0 && <Muted>{t(locale, 'audit.none')}</Muted>}
      {log.data && log.data.entries.length > 0 && (
        <DataTable
          locale={locale}
          caption={t(locale, 'audit.title')}
          regionLabel={t(locale, 'common.table', { caption: t(locale, 'audit.title') })}
          testId="audit-table"
          rows={log.data.entries.map((e, i) => ({ ...e, i }))}
          rowKey={(e) => String(e.i)}
          columns={[
            { header: t(locale, 'audit.when'), cell: (e) => when(e.at) },
            { header: t(locale, 'audit.who'), cell: who },
            { header: t(locale, 'audit.what'), cell: what },
            { header: t(locale, 'audit.details'), cell: (e) => details(e) || t(locale, 'common.none') },
          ]}
        />
      )}
    </Section>
  );
}
