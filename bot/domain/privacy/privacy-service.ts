import { AppError } from '../errors';
import type { UserContext } from '../org';
import type { Clock, UserStateRepository } from '../ports';
import type { TicketRepository } from '../help/help-ports';
import type { ScanRepository } from '../scan/scan-types';

export interface MyDataOverview {
  kind: 'overview';
  jobProfile: string | null;
  team: string | null;
  department: string | null;
  location: string | null;
  scanResults: number;
  latestScan: string | null;
  scanInProgress: boolean;
  modulesMarked: number;
  helpRequests: number;
}

export type PrivacyView = MyDataOverview | { kind: 'export'; json: string } | { kind: 'deleted'; removed: number };

const CLOSED = new Set(['resolved', 'rated', 'cancelled']);

/**
 * `mijn gegevens`: what Digivaardig keeps about you, an export of your own data, and
 * erasure (AVG/GDPR). Anonymous aggregates stay: they hold no person.
 */
export class PrivacyService {
  constructor(private readonly deps: { scans: ScanRepository; tickets: TicketRepository; userState: UserStateRepository; clock: Clock }) {}

  async overview(user: UserContext): Promise<PrivacyView> {
    const [results, session, modules, tickets] = await Promise.all([
      this.deps.scans.results(user.tenantId, user.userId),
      this.deps.scans.getSession(user.tenantId, user.userId),
      this.deps.scans.getModuleProgress(user.tenantId, user.userId),
      this.deps.tickets.forRequester(user.tenantId, user.userId, 100),
    ]);
    return {
      kind: 'overview',
      jobProfile: user.person?.jobProfile ?? null,
      team: user.team?.name ?? null,
      department: user.department?.name ?? null,
      location: user.location?.name ?? null,
      scanResults: results.length,
      latestScan: results[0]?.completedAt ?? null,
      scanInProgress: session?.value.status === 'in-progress',
      modulesMarked: Object.keys(modules?.value.modules ?? {}).length,
      helpRequests: tickets.length,
    };
  }

  /** Everything about the user that is theirs: scan answers and results, module progress, their help requests. */
  async export(user: UserContext): Promise<PrivacyView> {
    const [results, session, modules, tickets] = await Promise.all([
      this.deps.scans.results(user.tenantId, user.userId),
      this.deps.scans.getSession(user.tenantId, user.userId),
      this.deps.scans.getModuleProgress(user.tenantId, user.userId),
      this.deps.tickets.forRequester(user.tenantId, user.userId, 100),
    ]);
    const data = {
      exportedAt: this.deps.clock.now().toISOString(),
      user: { tenantId: user.tenantId, userId: user.userId, name: user.name },
      scanInProgress: session?.value.status === 'in-progress' ? { startedAt: session.value.startedAt, answers: session.value.answers } : null,
      scanResults: results.map(({ tenantId: _t, userId: _u, ...r }) => r),
      moduleProgress: modules?.value.modules ?? {},
      helpRequests: tickets.map((t) => ({ createdAt: t.createdAt, topic: t.topic, question: t.question, state: t.state, coach: t.coachName, outcome: t.outcome ?? null, rating: t.rating ?? null })),
    };
    return { kind: 'export', json: JSON.stringify(data, null, 1) };
  }

  /** Erases the user's scans and app state; closed help requests keep their timings but lose the person and the question. */
  async delete(user: UserContext, data: Record<string, unknown>): Promise<PrivacyView> {
    if (data.confirm !== 'yes') throw new AppError('bad_input', 400, 'error.badInput');
    let removed = await this.deps.scans.deleteAll(user.tenantId, user.userId);
    for (const ticket of await this.deps.tickets.forRequester(user.tenantId, user.userId, 1000)) {
      if (!CLOSED.has(ticket.state)) continue;
      const current = await this.deps.tickets.get(user.tenantId, ticket.ticketId);
      if (!current) continue;
      const t = current.value;
      await this.deps.tickets.replace({ ...t, question: '—', where: '—', comment: undefined, requester: { userId: `erased:${t.ticketId}`, name: '—', locale: t.requester.locale } }, current.etag);
      removed++;
    }
    await this.deps.userState.deleteUser(user.tenantId, user.userId);
    return { kind: 'deleted', removed };
  }
}
