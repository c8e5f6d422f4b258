import type { Locale } from '../../domain/org';
import type { Directory } from '../../domain/ports';
import type { CampaignDelivery } from '../../domain/campaigns/campaign-ports';
import type { Messenger } from '../../domain/ports';
import type { EventNotifier, EventService, EventView } from '../../domain/events/event-service';
import type { ContentSource } from '../../domain/scan/scan-service';
import { resolveUserContext } from '../../domain/user-context';
import { eventNoticeCard, eventsCard } from '../../cards/events/events-card';
import type { Features, Reply, Turn } from '../turn';

/** `activiteiten` / `events`, and the card's sign-up and cancel buttons: the same EventService as the tab. */
export function eventsFeature(service: EventService, content: ContentSource): Features {
  const show = async (turn: Turn, moduleId?: string): Promise<Reply> => {
    const events = await service.list(turn.user, { moduleId });
    const module = moduleId ? content.current().content.modules.find((m) => m.id === moduleId) : undefined;
    const locale = turn.user.locale;
    return {
      card: eventsCard(
        { events, ...(module ? { module: { id: module.id, title: module.title[locale] ?? module.id } } : {}) },
        locale,
      ),
    };
  };
  // After a tap the same list again, so the person sees their new place where they tapped.
  const after = async (turn: Turn, changed: EventView): Promise<Reply> => show(turn, changed.moduleId ?? undefined);
  return {
    commands: { events: (turn) => show(turn) },
    actions: {
      'events.show': (turn, command) => show(turn, 'moduleId' in command ? command.moduleId : undefined),
      'event.signUp': async (turn, { eventId }) => after(turn, await service.signUp(turn.user, eventId)),
      'event.cancel': async (turn, { eventId }) => after(turn, await service.cancelSignup(turn.user, eventId)),
    },
  };
}

/** The proactive event messages, as cards through the outbound queue, in the person's language. */
export class TeamsEventNotifier implements EventNotifier {
  constructor(private readonly deps: { messenger: Messenger & CampaignDelivery; directory: Directory }) {}

  private async locale(tenantId: string, userId: string): Promise<Locale> {
    return (await resolveUserContext(this.deps.directory, { tenantId, userId })).locale;
  }

  async promoted(tenantId: string, userId: string, event: EventView): Promise<void> {
    const card = eventNoticeCard('promoted', event, await this.locale(tenantId, userId));
    await this.deps.messenger.sendCard(tenantId, userId, card);
  }

  async cancelled(tenantId: string, userId: string, event: EventView): Promise<void> {
    const card = eventNoticeCard('cancelled', event, await this.locale(tenantId, userId));
    await this.deps.messenger.sendCard(tenantId, userId, card);
  }

  async remind(tenantId: string, userId: string, event: EventView): Promise<'sent' | 'failed' | 'skipped'> {
    const card = eventNoticeCard('reminder', event, await this.locale(tenantId, userId));
    const delivery = await this.deps.messenger.deliver(tenantId, userId, card);
    switch (delivery.status) {
      case 'sent':
        return 'sent';
      case 'unreachable':
      case 'gone':
        return 'skipped';
      default:
        return 'failed';
    }
  }
}
