import type { Clock } from '../domain/ports';
import type { Locale } from '../domain/org';
import { contentModules, MyProgressService } from '../domain/progress/my-progress';
import { PulseService } from '../domain/pulse/pulse';
import { CosmosPulseStore } from '../storage/cosmos-pulse';
import type { Repositories } from './repositories';

/**
 * "Mijn voortgang" and the feedback pulse. The modules come through one function
 * (`modulesFor`), so a tenant's own catalogue can take the scan content's place.
 */
export function buildLearning({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const modulesFor = contentModules(repos.content);
  const progress = new MyProgressService({ scans: repos.scans, content: repos.content, modulesFor });
  const pulse = new PulseService({
    store: new CosmosPulseStore(repos.dashboardsContainer, () => clock.now()),
    clock,
    // Only about what the person did: a module they marked finished, their own help request once rated.
    eligible: async (user, about, ref) => {
      if (about === 'module') {
        const progress = await repos.scans.getModuleProgress(user.tenantId, user.userId);
        return progress?.value.modules[ref]?.state === 'finished';
      }
      const ticket = await repos.tickets.get(user.tenantId, ref);
      return !!ticket && ticket.value.requester.userId === user.userId && ticket.value.state === 'rated';
    },
  });
  const moduleTitle = async (tenantId: string, moduleId: string, locale: Locale) => {
    const found = (await modulesFor(tenantId)).find((m) => m.id === moduleId);
    return found ? (found.title[locale] ?? found.title.nl) : null;
  };
  return { progress, pulse, moduleTitle };
}
