import type restify from 'restify';
import { z } from 'zod';
import type { CoachApprovals } from '../domain/help/coach-approvals';
import type { CoachOverview } from '../domain/help/coach-overview';
import type { ContactPersonAdmin } from '../domain/help/contact-persons';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { callerOf, idParam, localeOf, objectBody, sendPrivate } from './tab-request';
import { API } from './api-routes';
import { serve } from './serve';
import type { Locale } from '../domain/org';

export interface CoachNetworkRoutesDeps {
  auth: Authenticator;
  approvals: CoachApprovals;
  contacts: ContactPersonAdmin;
  overview: CoachOverview;
  /** The scan's domains (the coaches' topics) with their names in a language. */
  domains(locale: Locale): Promise<Array<{ id: string; name: string }>>;
  log: Logger;
}

const contactsBody = z.strictObject({
  userIds: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)).max(20),
});

/**
 * The coach network in the tab: approving registrations (programme admin, or the contact
 * person of the coach's department), naming contact persons (admin), the coordinator's load
 * view and a contact person's own departments. Access lives in the domain.
 */
export function registerCoachNetworkRoutes(server: restify.Server, deps: CoachNetworkRoutesDeps): void {
  const { auth, approvals, contacts, overview, log } = deps;

  serve(server, API.pendingCoaches, log, async (req, res) => {
    sendPrivate(res, 200, { pending: await approvals.pending(await callerOf(auth, req)) });
  });

  for (const [endpoint, approve] of [
    [API.approveCoach, true],
    [API.rejectCoach, false],
  ] as const)
    serve(server, endpoint, log, async (req, res) => {
      const caller = await callerOf(auth, req);
      const coach = await approvals.decide(caller, idParam(req, 'userId'), approve);
      log.info(
        { requestId: req.id(), tenantId: caller.tenantId, action: approve ? 'coach.approved' : 'coach.rejected' },
        'coach registration decided',
      );
      sendPrivate(res, 200, {
        userId: coach.userId,
        name: coach.name,
        approval: coach.approval?.state ?? 'approved',
      });
    });

  serve(server, API.contacts, log, async (req, res) => {
    sendPrivate(res, 200, { departments: await contacts.list(await callerOf(auth, req)) });
  });

  serve(server, API.saveContacts, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body = contactsBody.safeParse(objectBody(req));
    if (!body.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const saved = await contacts.set(caller, idParam(req, 'departmentId'), body.data.userIds);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'contacts.changed' }, 'contacts changed');
    sendPrivate(res, 200, saved);
  });

  serve(server, API.coachLoad, log, async (req, res) => {
    sendPrivate(res, 200, await overview.load(await callerOf(auth, req)));
  });

  serve(server, API.contactDepartments, log, async (req, res) => {
    const view = await overview.myDepartments(await callerOf(auth, req));
    sendPrivate(res, 200, { ...view, domains: await deps.domains(localeOf(req)) });
  });
}
