import type { Container } from '@azure/cosmos';
import type { Ticket } from '../domain/help/help-types';
import type { PersonalTickets } from '../domain/privacy/privacy-ports';
import type { Versioned } from '../domain/scan/scan-types';
import { versioned } from './cosmos';
import { pages } from './cosmos-pages';

/** A person's tickets in the `tickets` container (partition /tenantId), page by page. */
export class CosmosPersonalTickets implements PersonalTickets {
  constructor(
    private readonly container: Container,
    private readonly pageSize = 100,
  ) {}

  asRequester(tenantId: string, userId: string): AsyncIterable<Array<Versioned<Ticket>>> {
    return this.query(tenantId, userId, 'c.requester.userId = @u');
  }

  asCoach(tenantId: string, userId: string): AsyncIterable<Array<Versioned<Ticket>>> {
    // Offered but never accepted leaves the coach only in the events (and in passedBy when declined or timed out).
    return this.query(
      tenantId,
      userId,
      '(c.coachId = @u OR ARRAY_CONTAINS(c.passedBy, @u) OR EXISTS(SELECT VALUE e FROM e IN c.events WHERE e.coachId = @u))',
    );
  }

  private async *query(tenantId: string, userId: string, where: string): AsyncGenerator<Array<Versioned<Ticket>>> {
    const spec = {
      query: `SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'ticket' AND ${where}`,
      parameters: [
        { name: '@t', value: tenantId },
        { name: '@u', value: userId },
      ],
    };
    for await (const page of pages<Record<string, unknown> & { _etag: string }>(this.container, spec, {
      partitionKey: tenantId,
      pageSize: this.pageSize,
    })) {
      yield page.map((doc) => versioned<Ticket>(doc));
    }
  }
}
