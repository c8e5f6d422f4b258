import type { HelpService, HelpView } from '../../domain/help/help-service';
import type { CoachService } from '../../domain/help/coach-service';
import type { Directory } from '../../domain/ports';
import type { Features, Turn } from '../turn';
import type { HelpCards } from './help-cards';

/** Help from the nearest digicoach in chat: commands and card actions mapped to HelpService, views to cards. */
export function helpFeature(
  service: HelpService,
  coaches: CoachService,
  cards: HelpCards,
  directory: Directory,
): Features {
  const show = async (turn: Turn, view: HelpView) => ({ card: await cards.forView(view, turn.user.locale) });
  const run = (use: (turn: Turn) => Promise<HelpView>) => async (turn: Turn) => show(turn, await use(turn));
  const act =
    (use: (turn: Turn, data: Record<string, unknown>) => Promise<HelpView>) =>
    async (turn: Turn, data: Record<string, unknown>) =>
      show(turn, await use(turn, data));
  const units = async (tenantId: string) => {
    const [locations, departments] = await Promise.all([
      directory.listUnits(tenantId, 'location'),
      directory.listUnits(tenantId, 'department'),
    ]);
    return { locations, departments };
  };

  return {
    commands: {
      help: run((turn) => service.requestForm(turn.user)),
      becomeCoach: run((turn) => coaches.registrationForm(turn.user)),
      available: run((turn) => coaches.setAvailability(turn.user, true)),
      unavailable: run((turn) => coaches.setAvailability(turn.user, false)),
      myTickets: run((turn) => service.myTickets(turn.user)),
    },
    actions: {
      'help.start': act((turn) => service.requestForm(turn.user)),
      'help.submit': act((turn, data) => service.submit(turn.user, data, turn.replyToId ?? null)),
      'help.cancel': act((turn, data) => service.cancel(turn.user, data)),
      'help.reopen': act((turn, data) => service.reopen(turn.user, data)),
      'help.accept': act((turn, data) => service.accept(turn.user, data)),
      'help.decline': act((turn, data) => service.decline(turn.user, data)),
      'help.resolve': act((turn, data) => service.resolve(turn.user, data)),
      'help.giveBack': act((turn, data) => service.giveBack(turn.user, data)),
      'help.rate': act((turn, data) => service.rate(turn.user, data)),
      // Without form fields (the "word digicoach" button) it shows the form; with them it registers.
      'help.register': act(async (turn, data) =>
        data.domains === undefined
          ? coaches.registrationForm(turn.user)
          : coaches.register(turn.user, data, await units(turn.user.tenantId)),
      ),
      'help.tickets': act((turn) => service.myTickets(turn.user)),
    },
  };
}
