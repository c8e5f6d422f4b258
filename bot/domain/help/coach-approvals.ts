import type { AdminAuditLog } from '../audit';
import { type Caller, notFound } from '../dashboard/access';
import { AppError } from '../errors';
import type { Tenant } from '../org';
import type { Clock, Directory } from '../ports';
import { updateCoach } from './coach-record';
import { approvalRequired, approversOf, departmentsOfContact } from './contacts';
import type { CoachRepository } from './help-ports';
import type { Coach, CoachApproval } from './help-types';

/** The messages of coach approval; cards through the outbound queue. */
export interface CoachApprovalNotifier {
  /** A registration waits: to the contact persons of the coach's department, else the coordinator. */
  approvalRequested(coach: Coach, approverIds: string[]): Promise<void>;
  /** The coach hears the outcome. */
  decided(coach: Coach, approved: boolean): Promise<void>;
}

/** A registration waiting for a decision, as the approver's list shows it. */
export interface PendingCoachRow {
  userId: string;
  name: string;
  departmentId: string | null;
  department: string | null;
  domains: string[];
  since: string;
}

/**
 * The approval a coach's record gets when they register (or register again): an approved
 * coach stays approved; otherwise the registration waits when the tenant asks for approval,
 * and is active at once when it does not.
 */
export function approvalOnRegister(current: Coach | null, tenant: Tenant | null, now: Date): CoachApproval | undefined {
  const approval = current?.approval;
  if (current && !approval) return undefined;
  if (approval?.state === 'approved') return approval;
  if (!approvalRequired(tenant)) return undefined;
  return approval?.state === 'pending' ? approval : { state: 'pending', since: now.toISOString() };
}

/** Who may decide on which departments' coaches: programme admins on all, contact persons on their own. */
async function scopeOf(directory: Directory, caller: Caller): Promise<{ all: boolean; departments: Set<string> }> {
  const tenant = await directory.getTenant(caller.tenantId);
  const all = Boolean(tenant?.programmeAdmins.includes(caller.userId));
  const departments = new Set(departmentsOfContact(tenant, caller.userId));
  if (!all && !departments.size) throw forbidden();
  return { all, departments };
}

/** Not an approver of this coach (or the coach themself): nothing changes. */
const forbidden = () => new AppError('forbidden', 403, 'coach.approval.forbidden');
const handled = () => new AppError('already_handled', 409, 'error.conflict');

/**
 * Approving new digicoaches, in the tab and from the approver's card in chat (the same
 * calls). Every decision is audited, made once (a second decision on the same registration
 * is refused) and told to the coach through the outbound queue.
 */
export class CoachApprovals {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      coaches: CoachRepository;
      directory: Directory;
      clock: Clock;
      audit: Pick<AdminAuditLog, 'record'>;
      notifier: CoachApprovalNotifier;
      onBackgroundError?: (err: unknown) => void;
    },
  ) {}

  /** Resolves when the messages of earlier decisions and registrations are sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Tells the approvers of a registration that now waits (after the registering turn). */
  requested(coach: Coach, tenant: Tenant | null): void {
    const approvers = approversOf(tenant, coach.departmentId, coach.userId);
    if (approvers.length) this.later(() => this.deps.notifier.approvalRequested(coach, approvers));
  }

  async pending(caller: Caller): Promise<PendingCoachRow[]> {
    const scope = await scopeOf(this.deps.directory, caller);
    const [all, departments] = await Promise.all([
      this.deps.coaches.list(caller.tenantId),
      this.deps.directory.listUnits(caller.tenantId, 'department'),
    ]);
    return all
      .map((x) => x.value)
      .filter((c) => c.approval?.state === 'pending' && c.userId !== caller.userId)
      .filter((c) => scope.all || (c.departmentId !== undefined && scope.departments.has(c.departmentId)))
      .map((c) => ({
        userId: c.userId,
        name: c.name,
        departmentId: c.departmentId ?? null,
        department: departments.find((d) => d.id === c.departmentId)?.name ?? null,
        domains: c.domains,
        since: c.approval?.state === 'pending' ? c.approval.since : c.registeredAt,
      }))
      .sort((a, b) => a.since.localeCompare(b.since));
  }

  /** Approves or rejects a waiting registration; 403 outside the caller's scope or on oneself, 409 when decided already. */
  async decide(caller: Caller, userId: string, approve: boolean): Promise<Coach> {
    const scope = await scopeOf(this.deps.directory, caller);
    if (userId === caller.userId) throw forbidden();
    const found = await this.deps.coaches.get(caller.tenantId, userId);
    if (!found) throw notFound();
    const dept = found.value.departmentId;
    if (!scope.all && !(dept && scope.departments.has(dept))) throw forbidden();
    const at = this.deps.clock.now().toISOString();
    const coach = await updateCoach(this.deps.coaches, caller.tenantId, userId, (c) => {
      // Checked on the record written: two approvers at once give one decision.
      if (c.approval?.state !== 'pending') throw handled();
      c.approval = { state: approve ? 'approved' : 'rejected', by: caller.userId, at };
    });
    if (!coach) throw notFound();
    await this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action: approve ? 'coach.approved' : 'coach.rejected',
      targetUserId: userId,
      at,
    });
    this.later(() => this.deps.notifier.decided(coach, approve));
    return coach;
  }

  private later(task: () => Promise<unknown>): void {
    const run = task().catch((err) => this.deps.onBackgroundError?.(err));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
