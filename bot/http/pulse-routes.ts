import type restify from 'restify';
import { requireAdmin } from '../domain/dashboard/access';
import { effectiveThreshold } from '../domain/dashboard/anonymity';
import type { Locale } from '../domain/org';
import type { Directory } from '../domain/ports';
import type { PulseFigure, PulseService } from '../domain/pulse/pulse';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, localeOf, sendPrivate } from './tab-request';

/** The programme view's pulse: released per topic, from the threshold up, for programme admins only. */
export interface PulseOverview {
  threshold: number;
  topics: Array<PulseFigure & { title: string | null }>;
}

export function registerPulseRoutes(
  server: restify.Server,
  deps: {
    auth: Authenticator;
    directory: Directory;
    pulse: PulseService;
    moduleTitle: (tenantId: string, moduleId: string, locale: Locale) => Promise<string | null>;
    anonymityThreshold: number;
    log: Logger;
  },
): void {
  serve(server, API.programmePulse, deps.log, async (req, res) => {
    const caller = await callerOf(deps.auth, req);
    const tenant = await requireAdmin(deps.directory, caller);
    const k = effectiveThreshold(tenant.anonymityThreshold, deps.anonymityThreshold);
    const locale = localeOf(req);
    const figures = await deps.pulse.figures(caller.tenantId, k);
    const topics = await Promise.all(
      figures.map(async (f) => ({
        ...f,
        title: f.moduleId ? await deps.moduleTitle(caller.tenantId, f.moduleId, locale) : null,
      })),
    );
    const body: PulseOverview = { threshold: k, topics };
    sendPrivate(res, 200, body);
  });
}
