import type { ModuleCatalogue } from '../../bot/domain/catalogue/catalogue-service';
import type { LearningModule } from '../../bot/domain/scan/content';

/** A learning offer that is the same for every tenant (the unit tests' stand-in for the tenant's catalogue). */
export function fixedCatalogue(
  modules: readonly LearningModule[],
  learningPage: string | null = null,
): ModuleCatalogue {
  const byId = new Map(modules.map((m) => [m.id, m]));
  return {
    modulesFor: () => Promise.resolve(modules),
    byIds: (_tenantId, ids) => Promise.resolve(ids.flatMap((id) => byId.get(id) ?? [])),
    learningPage: () => Promise.resolve(learningPage),
  };
}
