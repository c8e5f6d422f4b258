import type { ContentIndex } from '../../bot/domain/scan/content';
import { type QuestionView, ScanService, type ScanServiceDeps } from '../../bot/domain/scan/scan-service';
import { fixedCatalogue } from './fixed-catalogue';

/** The self-scan on fakes: one content version (`index`), its modules as the catalogue, adaptive, a retake after 90 days. */
export function scanServiceOn(
  index: ContentIndex,
  deps: Pick<ScanServiceDeps, 'scans' | 'aggregates' | 'clock'> & Partial<ScanServiceDeps>,
): ScanService {
  return new ScanService({
    content: { current: () => index, version: async (v) => (v === index.version ? index : null) },
    catalogue: fixedCatalogue(index.content.modules),
    mode: 'adaptive',
    retakeDays: 90,
    ...deps,
  });
}

/** A valid answer to the question on the card: `self` for a self-rating, "true" for a check, else the first option. */
export function someAnswer(q: QuestionView, self = '3'): string {
  if (q.item.type === 'self') return self;
  if (q.item.type === 'knowledge') return 'true';
  return q.item.options![0].id;
}
