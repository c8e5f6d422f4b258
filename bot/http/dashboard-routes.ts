import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Locale } from '../domain/org';
import { type CoachNetworkDeps, coachNetwork } from '../domain/dashboard/coach-network';
import type { DashboardService } from '../domain/dashboard/dashboard-service';
import { dashboardsToCsv } from '../domain/dashboard/csv-export';
import type { NudgeService } from '../domain/dashboard/nudge-service';
import type { GroupRef } from '../domain/dashboard/anonymity';
import type { AdminActivity } from '../domain/audit';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { csvLabels } from './csv-labels';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, localeOf, sendPrivate } from './tab-request';

export interface DashboardRoutesDeps {
  auth: Authenticator;
  dashboards: DashboardService;
  nudges: NudgeService;
  coaches: CoachNetworkDeps;
  /** The scan's domains with their names in a language, in display order. */
  domains(locale: Locale): Promise<Array<{ id: string; name: string }>>;
  /** Records programme views and CSV exports in the audit log. */
  activity?: AdminActivity;
  log: Logger;
}

/** The leader's team dashboard and nudge, a department head's dashboard, and the programme team's views and export. Thin: access and figures live in the domain. */
export function registerDashboardRoutes(server: restify.Server, deps: DashboardRoutesDeps): void {
  const { auth, dashboards, nudges, log } = deps;

  serve(server, API.myTeams, log, async (req, res) => {
    sendPrivate(res, 200, { teams: await dashboards.myTeams(await callerOf(auth, req)) });
  });

  serve(server, API.teamDashboard, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const teamId = idParam(req, 'teamId');
    const dashboard = await dashboards.team(caller, teamId);
    const [nudge, domains] = await Promise.all([nudges.status(caller, teamId), deps.domains(localeOf(req))]);
    sendPrivate(res, 200, { ...dashboard, nudge, domains });
  });

  serve(server, API.teamNudge, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const outcome = await nudges.send(caller, idParam(req, 'teamId'));
    log.info(
      { requestId: req.id(), tenantId: caller.tenantId, sent: outcome.sent, unreachable: outcome.unreachable },
      'team nudged',
    );
    sendPrivate(res, 200, outcome);
  });

  serve(server, API.myDepartments, log, async (req, res) => {
    sendPrivate(res, 200, { departments: await dashboards.myDepartments(await callerOf(auth, req)) });
  });

  serve(server, API.departmentDashboard, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const dashboard = await dashboards.department(caller, idParam(req, 'departmentId'));
    sendPrivate(res, 200, { ...dashboard, domains: await deps.domains(localeOf(req)) });
  });

  const programme = (scope: (req: Request, tenantId: string) => GroupRef) => async (req: Request, res: Response) => {
    const caller = await callerOf(auth, req);
    const dashboard = await dashboards.programme(caller, scope(req, caller.tenantId));
    await deps.activity?.viewedProgramme(caller);
    sendPrivate(res, 200, { ...dashboard, domains: await deps.domains(localeOf(req)) });
  };
  serve(
    server,
    API.programme,
    log,
    programme((_req, tenantId) => ({ kind: 'tenant', id: tenantId })),
  );
  serve(
    server,
    API.programmeDepartment,
    log,
    programme((req) => ({ kind: 'department', id: idParam(req, 'id') })),
  );
  serve(
    server,
    API.programmeLocation,
    log,
    programme((req) => ({ kind: 'location', id: idParam(req, 'id') })),
  );

  serve(server, API.programmeUnits, log, async (req, res) => {
    sendPrivate(res, 200, await dashboards.units(await callerOf(auth, req)));
  });

  serve(server, API.programmeCoaches, log, async (req, res) => {
    sendPrivate(res, 200, await coachNetwork(deps.coaches, await callerOf(auth, req)));
  });

  serve(server, API.programmeExport, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const locale = localeOf(req);
    const { view, dashboards: all } = await dashboards.everyProgrammeGroup(caller);
    const csv = dashboardsToCsv(all, await deps.domains(locale), csvLabels(locale, view.threshold), locale);
    await deps.activity?.exported(caller, all.length);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, rows: all.length }, 'programme export');
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="digivaardig-${locale === 'nl' ? 'overzicht' : 'overview'}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    });
    res.end(csv);
  });
}
