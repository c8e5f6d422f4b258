import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, heading, text } from '../card';
import { escapeMarkdown } from '../markdown';

export interface CoachApprovalModel {
  userId: string;
  name: string;
  departmentName: string | null;
  topicNames: string[];
}

/** To an approver (the department's contact person, else the coordinator): a new registration, approve or reject. */
export function coachApprovalCard(m: CoachApprovalModel, locale: Locale): AdaptiveCard {
  const name = escapeMarkdown(m.name);
  return card(
    [
      heading(t(locale, 'coach.approval.title')),
      text(t(locale, 'coach.approval.body', { name })),
      ...(m.departmentName
        ? [text(t(locale, 'coach.approval.department', { department: escapeMarkdown(m.departmentName) }))]
        : []),
      text(t(locale, 'coach.approval.topics', { topics: m.topicNames.map(escapeMarkdown).join(', ') })),
      text(t(locale, 'coach.approval.hint', { name }), { isSubtle: true, spacing: 'Medium' }),
    ],
    [
      action(t(locale, 'coach.approval.approve'), 'coach.decide', { u: m.userId, ok: true }, 'positive'),
      action(t(locale, 'coach.approval.reject'), 'coach.decide', { u: m.userId, ok: false }),
    ],
  );
}

/** The approver's card after the decision (replaces the one with the buttons). */
export function coachDecisionDoneCard(m: { name: string; approved: boolean }, locale: Locale): AdaptiveCard {
  const name = escapeMarkdown(m.name);
  return card([
    heading(t(locale, 'coach.approval.title')),
    text(t(locale, m.approved ? 'coach.approval.approved' : 'coach.approval.rejected', { name })),
  ]);
}

/** To the coach: the outcome of their registration. */
export function coachDecidedCard(m: { approved: boolean }, locale: Locale): AdaptiveCard {
  return card(
    [
      heading(t(locale, m.approved ? 'coach.decided.approvedTitle' : 'coach.decided.rejectedTitle')),
      text(t(locale, m.approved ? 'coach.decided.approvedBody' : 'coach.decided.rejectedBody')),
    ],
    m.approved ? [action(t(locale, 'help.action.tickets'), 'help.tickets')] : [],
  );
}
