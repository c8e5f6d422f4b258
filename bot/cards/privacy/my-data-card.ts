import { t, tn } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { MyDataOverview } from '../../domain/privacy/privacy-service';
import { action, card, heading, openUrl, text } from '../card';
import { formatDate } from '../format';
import { escapeMarkdown } from '../markdown';

export type MyDataModel = MyDataOverview & {
  anonymityThreshold: number;
  profileName: string | null;
  privacyUrl?: string;
};

/** What is kept, one line per kind of data: the overview and the download card list the same. */
function keptLines(m: MyDataModel, locale: Locale): string {
  const unknown = t(locale, 'privacy.unknown');
  const lines = [
    t(locale, 'privacy.profile', {
      profile: m.profileName ? escapeMarkdown(m.profileName) : unknown,
      team: m.team ? escapeMarkdown(m.team) : unknown,
      department: m.department ? escapeMarkdown(m.department) : unknown,
      location: m.location ? escapeMarkdown(m.location) : unknown,
    }),
    m.latestScan
      ? tn(locale, 'privacy.scans', m.scanResults, { date: formatDate(m.latestScan, locale) })
      : t(locale, 'privacy.noScans'),
    ...(m.scanInProgress ? [t(locale, 'privacy.scanInProgress')] : []),
    t(locale, 'privacy.modules', { count: m.modulesMarked }),
    t(locale, 'privacy.help', { count: m.helpRequests }),
    ...(m.eventSignups ? [t(locale, 'privacy.events', { count: m.eventSignups })] : []),
    ...(m.leadershipScan === 'completed'
      ? [t(locale, 'privacy.leadershipDone')]
      : m.leadershipScan === 'in-progress'
        ? [t(locale, 'privacy.leadershipBusy')]
        : []),
    ...(m.coach || m.coachTickets > 0 ? [tn(locale, 'privacy.coach', m.coachTickets)] : []),
    t(locale, 'privacy.reminders', {
      state: t(locale, m.remindersOff ? 'privacy.remindersOff' : 'privacy.remindersOn'),
    }),
  ];
  return lines.map((l) => `- ${l}`).join('\n');
}

/**
 * `mijn gegevens`: what is kept, who sees what, and the ways to take it or erase it. Two
 * buttons in a row (Teams shows only a few side by side); the privacy statement is a link in
 * the text, and "menu" is a word to type.
 */
export function myDataCard(m: MyDataModel, locale: Locale) {
  return card(
    [
      heading(t(locale, 'privacy.title')),
      text(t(locale, 'privacy.intro', { threshold: m.anonymityThreshold })),
      text(keptLines(m, locale), { spacing: 'Medium' }),
      ...(m.privacyUrl
        ? [text(t(locale, 'privacy.statementLink', { url: m.privacyUrl }), { spacing: 'Medium', size: 'Small' })]
        : []),
    ],
    [
      action(t(locale, 'privacy.action.export'), 'privacy.export', {}, 'positive'),
      action(t(locale, 'privacy.action.delete'), 'privacy.delete', {}, 'destructive'),
    ],
  );
}

/**
 * "Download mijn gegevens" in chat: what the file holds and a link to "Mijn gegevens" in
 * the tab, where it is downloaded. The file itself is not put in the chat: a message is
 * limited to about 28 KB and a chat bubble is no place to read or keep JSON.
 */
export function exportCard(m: MyDataModel & { myDataUrl: string }, locale: Locale) {
  return card(
    [
      heading(t(locale, 'privacy.export.title')),
      text(t(locale, 'privacy.export.body')),
      text(keptLines(m, locale), { spacing: 'Small' }),
      text(t(locale, 'privacy.export.why'), { isSubtle: true, size: 'Small', spacing: 'Medium' }),
    ],
    [
      { ...openUrl(t(locale, 'privacy.export.open'), m.myDataUrl), style: 'positive' },
      action(t(locale, 'action.menu'), 'menu'),
    ],
  );
}

/** Erasure asks once more, saying exactly what goes and what stays. */
export function deleteConfirmCard(locale: Locale) {
  return card(
    [heading(t(locale, 'privacy.confirm.title')), text(t(locale, 'privacy.confirm.body'))],
    [
      action(t(locale, 'privacy.action.confirmDelete'), 'privacy.confirmDelete', { confirm: 'yes' }, 'destructive'),
      action(t(locale, 'privacy.action.keep'), 'privacy.show'),
    ],
  );
}
