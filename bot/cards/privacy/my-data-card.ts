import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { MyDataOverview } from '../../domain/privacy/privacy-service';
import { action, card, heading, openUrl, text } from '../card';
import { formatDate } from '../format';

/** `mijn gegevens`: what is kept, who sees what, and the ways to take it or erase it. */
export function myDataCard(m: MyDataOverview & { anonymityThreshold: number; profileName: string | null; privacyUrl?: string }, locale: Locale) {
  const unknown = t(locale, 'privacy.unknown');
  const lines = [
    t(locale, 'privacy.profile', { profile: m.profileName ?? unknown, team: m.team ?? unknown, department: m.department ?? unknown, location: m.location ?? unknown }),
    m.latestScan ? t(locale, 'privacy.scans', { count: m.scanResults, date: formatDate(m.latestScan, locale) }) : t(locale, 'privacy.noScans'),
    ...(m.scanInProgress ? [t(locale, 'privacy.scanInProgress')] : []),
    t(locale, 'privacy.modules', { count: m.modulesMarked }),
    t(locale, 'privacy.help', { count: m.helpRequests }),
    ...(m.leadershipScan === 'completed' ? [t(locale, 'privacy.leadershipDone')] : m.leadershipScan === 'in-progress' ? [t(locale, 'privacy.leadershipBusy')] : []),
    ...(m.coach || m.coachTickets > 0 ? [t(locale, 'privacy.coach', { count: m.coachTickets })] : []),
  ];
  return card(
    [heading(t(locale, 'privacy.title')), text(t(locale, 'privacy.intro', { threshold: m.anonymityThreshold })), text(lines.map((l) => `- ${l}`).join('\n'), { spacing: 'Medium' })],
    [
      action(t(locale, 'privacy.action.export'), 'privacy.export'),
      action(t(locale, 'privacy.action.delete'), 'privacy.delete', {}, 'destructive'),
      ...(m.privacyUrl ? [openUrl(t(locale, 'privacy.action.statement'), m.privacyUrl)] : []),
      action(t(locale, 'action.menu'), 'menu'),
    ],
  );
}

/** The user's own data as JSON, in a monospaced block they can copy. */
export function exportCard(m: { json: string }, locale: Locale) {
  return card([heading(t(locale, 'privacy.export.title')), text(t(locale, 'privacy.export.body')), text(m.json, { fontType: 'Monospace', size: 'Small' })]);
}

/** Erasure asks once more, saying exactly what goes and what stays. */
export function deleteConfirmCard(locale: Locale) {
  return card([heading(t(locale, 'privacy.confirm.title')), text(t(locale, 'privacy.confirm.body'))], [
    action(t(locale, 'privacy.action.confirmDelete'), 'privacy.confirmDelete', { confirm: 'yes' }, 'destructive'),
    action(t(locale, 'action.menu'), 'menu'),
  ]);
}
