import type { Clock } from '../domain/ports';
import type { Locale } from '../domain/org';
import { MyProgressService } from '../domain/progress/my-progress';
import type { CatalogueService } from '../domain/catalogue/catalogue-service';
import type { TermsService } from '../domain/terms/terms-service';
import { PulseService } from '../domain/pulse/pulse';
import { CosmosPulseStore } from '../storage/cosmos-pulse';
import type { Repositories } from './repositories';

/** "Mijn voortgang" and the feedback pulse, over the tenant's own learning catalogue. */
export function buildLearning(
  { repos, clock }: { repos: Repositories; clock: Clock },
  catalogue: CatalogueService,
  terms: TermsService,
) {
  const progress = new MyProgressService({
    scans: repos.scans,
    content: repos.content,
    catalogue,
    terms: (tenantId) => terms.forTenant(tenantId),
  });
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
    const [found] = await catalogue.byIds(tenantId, [moduleId]);
    return found ? (await terms.forTenant(tenantId)).apply(found.title[locale] ?? found.title.nl, locale) : null;
  };
  return { progress, pulse, moduleTitle };
}
