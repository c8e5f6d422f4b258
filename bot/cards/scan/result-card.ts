import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { ContentIndex, LearningModule } from '../../domain/scan/content';
import type { ScanResult } from '../../domain/scan/scan-types';
import { action, card, type Element, heading, text } from '../card';
import { formatDate } from '../format';
import { levelRow } from './level-bar';
import { escapeMarkdown } from '../markdown';
import type { Terms } from '../../domain/terms/terms';
import { moduleLine, sessionButtons } from './module-line';

export interface ResultModel {
  result: ScanResult;
  index: ContentIndex;
  modules: LearningModule[];
  /** The tenant's learning page on the intranet, for modules without a link of their own. */
  learningPage: string | null;
  retakeFrom: Date;
  justCompleted: boolean;
  retakeLater?: boolean;
  /** The tenant's own words for the systems modules name; the defaults when absent. */
  terms?: Terms;
}

/** Level per domain against the target, what to work on first, modules with links, and the intake offer. */
export function resultCard(m: ResultModel, locale: Locale) {
  const { result, index } = m;
  const level = (l: number) => index.levelName(l as 1, locale);
  const domainName = (d: string) => escapeMarkdown(index.domainsById.get(d)?.name[locale] ?? d);
  const rows = Object.entries(result.levels).map(([d, l]) => {
    const target = result.targets[d];
    const previous = result.previousLevels?.[d];
    const mark =
      (l >= target ? ' ✓' : '') + (previous ? t(locale, 'result.growth', { previous: level(previous) }) : '');
    const line = t(locale, 'result.levelLine', { domain: domainName(d), level: level(l), target: level(target), mark });
    return levelRow(line, l, target);
  });
  const body: Element[] = [
    heading(t(locale, 'result.title')),
    m.retakeLater
      ? text(t(locale, 'result.retakeLater', { date: formatDate(m.retakeFrom, locale) }))
      : text(
          m.justCompleted
            ? t(locale, 'result.done', { count: result.itemsAsked })
            : t(locale, 'result.date', { date: formatDate(result.completedAt, locale) }),
          { isSubtle: true },
        ),
    ...rows,
    text(t(locale, 'result.legend'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
  ];
  const below = result.focusDomains.filter((d) => result.levels[d] < result.targets[d]);
  if (result.focusDomains.length && below.length) {
    body.push(
      text(t(locale, 'result.focus'), { weight: 'Bolder', spacing: 'Medium' }),
      text(below.map((d) => `- ${domainName(d)}`).join('\n')),
    );
  } else {
    body.push(text(t(locale, 'result.allGood'), { spacing: 'Medium' }));
  }
  if (m.modules.length) {
    body.push(
      text(t(locale, 'result.modules'), { weight: 'Bolder', spacing: 'Medium' }),
      text(m.modules.map((mod) => `- ${moduleLine(mod, m.learningPage, locale, m.terms)}`).join('\n')),
    );
    const sessions = sessionButtons(m.modules, locale, m.terms);
    if (sessions.length) body.push({ type: 'ActionSet', actions: sessions });
  }
  // The checks with their right answers, once the scan is done (never during it).
  if (result.answers?.length && !result.answersRemovedAt)
    body.push({
      type: 'ActionSet',
      actions: [action(t(locale, 'action.reviewAnswers'), 'scan.review', { result: result.resultId })],
    });
  const offerIntake = result.intakeOffered && !result.intakeRequestedAt;
  if (offerIntake) body.push(text(t(locale, 'result.intake'), { spacing: 'Medium', weight: 'Bolder' }));
  if (!m.retakeLater)
    body.push(
      text(t(locale, 'result.retake', { date: formatDate(m.retakeFrom, locale) }), { isSubtle: true, size: 'Small' }),
    );
  return card(body, [
    ...(offerIntake
      ? [action(t(locale, 'action.intake'), 'scan.intake', { result: result.resultId }, 'positive')]
      : []),
    action(t(locale, 'action.modules'), 'modules.show'),
    action(t(locale, 'action.askCoach'), 'help.start'),
    action(t(locale, 'action.menu'), 'menu'),
  ]);
}
