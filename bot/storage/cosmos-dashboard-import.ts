import type { Container } from '@azure/cosmos';
import type { HelpAggregate } from '../domain/help/help-aggregate';
import type { ScanAggregate } from './cosmos-aggregates';

/**
 * Writes whole aggregate documents, for an import from another system (or a generated
 * organisation in the benchmarks) where the figures already exist per group: one upsert
 * per group instead of replaying every person's events. Same ids and shapes the scan and
 * help features keep up to date afterwards.
 */
export class CosmosDashboardImport {
  constructor(private readonly container: Container) {}

  async putScanAggregates(docs: ScanAggregate[], parallel = 32): Promise<void> {
    await this.inBatches(docs, parallel);
  }

  async putHelpAggregates(docs: HelpAggregate[], parallel = 32): Promise<void> {
    await this.inBatches(docs, parallel);
  }

  private async inBatches(docs: Array<{ id: string; tenantId: string }>, parallel: number): Promise<void> {
    for (let i = 0; i < docs.length; i += parallel)
      await Promise.all(docs.slice(i, i + parallel).map((d) => this.container.items.upsert(d)));
  }
}
