import type { Container } from '@azure/cosmos';
import type { Versioned } from '../domain/scan/scan-types';
import type { Coach, Ticket } from '../domain/help/help-types';
import type { CoachRepository, TicketRepository, Timer, TimerRepository } from '../domain/help/help-ports';
import { isConflict } from '../domain/errors';
import { createOnce, readOrNull, replaceIfMatch, statusOf, versioned } from './cosmos';

type Stored = { _etag: string } & Record<string, unknown>;

const coachId = (userId: string) => `coach:${userId}`;
const SEED_MARKER = 'coach-seed';
const ticketId = (id: string) => `ticket:${id}`;

/** Coaches (routing state: availability, load, rotation) in the `tickets` container, partition /tenantId. */
export class CosmosCoachRepository implements CoachRepository {
  constructor(private readonly container: Container) {}

  async list(tenantId: string): Promise<Array<Versioned<Coach>>> {
    const { resources } = await this.container.items
      .query<Stored>(
        {
          query: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'coach'",
          parameters: [{ name: '@t', value: tenantId }],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => versioned<Coach>(r));
  }

  async get(tenantId: string, userId: string): Promise<Versioned<Coach> | null> {
    return versioned(await readOrNull<Stored>(this.container, coachId(userId), tenantId));
  }

  async seeded(tenantId: string): Promise<boolean> {
    return Boolean(await readOrNull(this.container, SEED_MARKER, tenantId));
  }

  async markSeeded(tenantId: string, at: string): Promise<void> {
    await this.container.items.upsert({ id: SEED_MARKER, docType: 'coach-seed', tenantId, at });
  }

  async createIfMissing(coach: Coach): Promise<boolean> {
    try {
      await createOnce(this.container, { ...coach, id: coachId(coach.userId), docType: 'coach' });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async replace(coach: Coach, etag: string): Promise<Versioned<Coach>> {
    return versioned(
      (await replaceIfMatch(
        this.container,
        { ...coach, id: coachId(coach.userId), docType: 'coach' },
        etag,
        coach.tenantId,
      )) as unknown as Stored,
    );
  }

  async upsert(coach: Coach): Promise<void> {
    await this.container.items.upsert({ ...coach, id: coachId(coach.userId), docType: 'coach' });
  }
}

/** Help tickets in the `tickets` container, partition /tenantId; every change is a conditional replace. */
export class CosmosTicketRepository implements TicketRepository {
  constructor(private readonly container: Container) {}

  async create(ticket: Ticket): Promise<Versioned<Ticket>> {
    return versioned(
      (await createOnce(this.container, {
        ...ticket,
        id: ticketId(ticket.ticketId),
        docType: 'ticket',
      })) as unknown as Stored,
    );
  }

  async get(tenantId: string, id: string): Promise<Versioned<Ticket> | null> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) return null;
    return versioned(await readOrNull<Stored>(this.container, ticketId(id), tenantId));
  }

  async replace(ticket: Ticket, etag: string): Promise<Versioned<Ticket>> {
    return versioned(
      (await replaceIfMatch(
        this.container,
        { ...ticket, id: ticketId(ticket.ticketId), docType: 'ticket' },
        etag,
        ticket.tenantId,
      )) as unknown as Stored,
    );
  }

  forRequester(tenantId: string, userId: string, limit: number): Promise<Ticket[]> {
    return this.query(tenantId, 'c.requester.userId = @u', userId, limit);
  }

  forCoach(tenantId: string, coach: string, limit: number): Promise<Ticket[]> {
    return this.query(tenantId, 'c.coachId = @u', coach, limit);
  }

  async dueForRouting(now: Date, limit: number): Promise<Array<Versioned<Ticket>>> {
    // Across tenants, like the timers' sweep; `state` is indexed, so only searching tickets are read.
    const { resources } = await this.container.items
      .query<Stored>({
        query: "SELECT TOP @n * FROM c WHERE c.docType = 'ticket' AND c.state = 'searching' AND c.routeDueAt <= @now",
        parameters: [
          { name: '@now', value: now.toISOString() },
          { name: '@n', value: limit },
        ],
      })
      .fetchAll();
    return resources.map((r) => versioned<Ticket>(r));
  }

  private async query(tenantId: string, where: string, userId: string, limit: number): Promise<Ticket[]> {
    const { resources } = await this.container.items
      .query<Stored>(
        {
          query: `SELECT TOP @n * FROM c WHERE c.tenantId = @t AND c.docType = 'ticket' AND ${where} ORDER BY c.createdAt DESC`,
          parameters: [
            { name: '@t', value: tenantId },
            { name: '@u', value: userId },
            { name: '@n', value: limit },
          ],
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map((r) => versioned<Ticket>(r).value);
  }
}

/** Due timers in the `schedule` container (partition /tenantId), swept across tenants by the scheduler. */
export class CosmosTimerRepository implements TimerRepository {
  constructor(private readonly container: Container) {}

  async schedule(timer: Timer): Promise<void> {
    await this.container.items.upsert({ ...timer, docType: 'timer' });
  }

  async cancel(tenantId: string, id: string): Promise<void> {
    await this.container
      .item(id, tenantId)
      .delete()
      .catch((err) => {
        if (statusOf(err) !== 404) throw err;
      });
  }

  async due(now: Date, limit: number): Promise<Array<Versioned<Timer>>> {
    const { resources } = await this.container.items
      .query<Stored>({
        query: "SELECT TOP @n * FROM c WHERE c.docType = 'timer' AND c.dueAt <= @now ORDER BY c.dueAt",
        parameters: [
          { name: '@now', value: now.toISOString() },
          { name: '@n', value: limit },
        ],
      })
      .fetchAll();
    return resources.map((r) => ({ value: { ...versioned<Timer>(r).value, id: String(r.id) }, etag: r._etag }));
  }

  async claim(timer: Timer, etag: string, owner: string, until: Date): Promise<Versioned<Timer> | null> {
    try {
      const doc = await replaceIfMatch(
        this.container,
        { ...timer, docType: 'timer', lease: { owner, until: until.toISOString() } },
        etag,
        timer.tenantId,
      );
      return {
        value: { ...timer, lease: { owner, until: until.toISOString() } },
        etag: (doc as unknown as Stored)._etag,
      };
    } catch (err) {
      if (isConflict(err)) return null;
      throw err;
    }
  }

  async complete(timer: Timer): Promise<void> {
    await this.cancel(timer.tenantId, timer.id);
  }
}
