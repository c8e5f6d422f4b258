import { toLocale } from '../../domain/org';
import type { Directory, Messenger } from '../../domain/ports';
import type { CoachApprovalNotifier, CoachApprovals } from '../../domain/help/coach-approvals';
import type { Coach } from '../../domain/help/help-types';
import { coachApprovalCard, coachDecidedCard, coachDecisionDoneCard } from '../../cards/help/coach-approval-card';
import type { Features } from '../turn';
import type { HelpCards } from './help-cards';

/** The approver's buttons in chat: the same decision as the tab's. */
export function coachApprovalFeature(approvals: CoachApprovals): Features {
  return {
    commands: {},
    actions: {
      'coach.decide': async (turn, { userId, approve }) => {
        const coach = await approvals.decide(turn.user, userId, approve);
        return { card: coachDecisionDoneCard({ name: coach.name, approved: approve }, turn.user.locale) };
      },
    },
  };
}

/** Approval messages as cards through the messenger (the throttled, durable outbound queue). */
export class TeamsCoachApprovalNotifier implements CoachApprovalNotifier {
  constructor(private readonly deps: { messenger: Messenger; directory: Directory; cards: HelpCards }) {}

  async approvalRequested(coach: Coach, approverIds: string[]): Promise<void> {
    const department = coach.departmentId
      ? await this.deps.directory.getUnit(coach.tenantId, coach.departmentId)
      : null;
    await Promise.all(
      approverIds.map(async (id) => {
        const locale = toLocale((await this.deps.directory.getPerson(coach.tenantId, id))?.preferredLocale);
        const model = {
          userId: coach.userId,
          name: coach.name,
          departmentName: department?.name ?? null,
          topicNames: coach.domains.map((d) => this.deps.cards.topicName(d, locale)),
        };
        await this.deps.messenger.sendCard(coach.tenantId, id, coachApprovalCard(model, locale));
      }),
    );
  }

  async decided(coach: Coach, approved: boolean): Promise<void> {
    const locale = toLocale((await this.deps.directory.getPerson(coach.tenantId, coach.userId))?.preferredLocale);
    await this.deps.messenger.sendCard(coach.tenantId, coach.userId, coachDecidedCard({ approved }, locale));
  }
}
