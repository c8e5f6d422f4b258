import type restify from 'restify';
import { AppError } from '../domain/errors';
import type { Clock, Directory } from '../domain/ports';
import type { Profile } from '../domain/scan/content';
import { writeDemoFigures } from '../domain/dashboard/demo-figures';
import type { Logger } from '../logger';
import type { CosmosStore } from '../storage/cosmos';
import { CosmosScanAggregates } from '../storage/cosmos-aggregates';
import { CosmosHelpAggregates } from '../storage/cosmos-help-aggregates';
import { route } from './errors';
import { objectBody } from './tab-request';

const ID = /^[A-Za-z0-9-]{1,64}$/;
/** The document that says a tenant's figures are example figures (development only). */
const DEMO_MARKER = 'dev|demo-figures';

/**
 * Development only: fills a demo tenant's dashboards with example figures (once), so the
 * tab shows something worth looking at before anyone took a scan in the playground.
 */
export function registerDevDashboardRoutes(
  server: restify.Server,
  deps: {
    store: CosmosStore;
    directory: Directory;
    clock: Clock;
    profiles(): Promise<Profile[]>;
    invalidate(tenantId: string): void;
    log: Logger;
  },
): void {
  const log = deps.log.child({ component: 'dev-dashboard' });
  const now = () => deps.clock.now();
  const scanAggregates = new CosmosScanAggregates(deps.store.containers.aggregates, now);
  const helpAggregates = new CosmosHelpAggregates(deps.store.containers.aggregates, now);

  server.post(
    '/dev/demo-figures',
    route(log, async (req, res) => {
      const { tenantId } = objectBody(req);
      if (typeof tenantId !== 'string' || !ID.test(tenantId))
        throw new AppError('invalid_request', 400, 'error.invalidRequest');
      const marker = deps.store.containers.aggregates.item(DEMO_MARKER, tenantId);
      const loaded = await marker.read<{ completed: number }>().then((r) => r.resource ?? null);
      if (loaded) {
        res.send(200, { written: false, reason: 'already-loaded', completions: loaded.completed });
        return;
      }
      const existing = await scanAggregates.get(tenantId, { kind: 'tenant', id: tenantId });
      if (existing && existing.completions > 0) {
        // Said plainly to the developer: real scans are never mixed with made-up figures.
        res.send(200, { written: false, reason: 'real-scans', completions: existing.completions });
        return;
      }
      const people = await deps.directory.listPeople(tenantId);
      if (people.length === 0) throw new AppError('not_found', 404, 'error.notFound');
      const teamIds = [...new Set(people.map((p) => p.teamId).filter((id): id is string => Boolean(id)))];
      const teams = await Promise.all(teamIds.map((id) => deps.directory.getUnit(tenantId, id)));
      const teamDepartments = new Map(teams.filter((t) => t?.departmentId).map((t) => [t!.id, t!.departmentId!]));
      const written = await writeDemoFigures({
        scanAggregates,
        helpAggregates,
        people,
        teamDepartments,
        profiles: await deps.profiles(),
        now: now(),
      });
      // Remembered, so a second click says "already there" instead of mistaking these figures for real scans.
      await deps.store.containers.aggregates.items.upsert({ id: DEMO_MARKER, tenantId, completed: written.completed });
      deps.invalidate(tenantId);
      log.info({ tenantId, ...written }, 'demo figures written');
      res.send(200, { written: true, ...written });
    }),
  );
}
