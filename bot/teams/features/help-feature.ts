import type { HelpService, HelpView } from '../../domain/help/help-service';
import type { CoachService } from '../../domain/help/coach-service';
import type { Directory } from '../../domain/ports';
import type { ActionCommand, Verb } from '../../cards/verbs';
import type { ActionHandler, Features, Turn } from '../turn';
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
    <V extends Verb>(use: (turn: Turn, command: ActionCommand<V>) => Promise<HelpView>): ActionHandler<V> =>
    async (turn, command) =>
      show(turn, await use(turn, command));
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
      myCoaches: run((turn) => coaches.myCoaches(turn.user)),
    },
    actions: {
      'help.start': act((turn) => service.requestForm(turn.user)),
      'help.submit': act((turn, command) =>
        service.submit(turn.user, command, turn.replyToId ?? null, turn.activityId),
      ),
      'help.cancel': act((turn, command) => service.cancel(turn.user, command)),
      'help.reopen': act((turn, command) => service.reopen(turn.user, command)),
      'help.accept': act((turn, command) => service.accept(turn.user, command)),
      'help.decline': act((turn, command) => service.decline(turn.user, command)),
      'help.resolve': act((turn, command) => service.resolve(turn.user, command)),
      'help.giveBack': act((turn, command) => service.giveBack(turn.user, command)),
      'help.rate': act((turn, command) => service.rate(turn.user, command)),
      // Without form fields (the "word digicoach" button) it shows the form; with them it registers.
      'help.register': act(async (turn, { settings }) =>
        settings === null
          ? coaches.registrationForm(turn.user)
          : coaches.register(turn.user, settings, await units(turn.user.tenantId)),
      ),
      'help.tickets': act((turn) => service.myTickets(turn.user)),
    },
  };
}
