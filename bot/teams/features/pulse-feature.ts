import type { Locale } from '../../domain/org';
import type { PulseAbout, PulseService } from '../../domain/pulse/pulse';
import { noticeCard } from '../../cards/notice-card';
import { pulseCard } from '../../cards/pulse/pulse-card';
import type { ActionHandler, Features, Turn } from '../turn';

/** The pulse's own action: store the anonymous answer once, thank the person. */
export function pulseFeature(pulse: PulseService): Features {
  return {
    commands: {},
    actions: {
      'pulse.answer': async (turn, command) => {
        const outcome = await pulse.answer(turn.user, command);
        return {
          card: noticeCard(
            {
              titleKey: 'pulse.thanks.title',
              bodyKey: outcome === 'thanks' ? 'pulse.thanks.body' : 'pulse.already.body',
            },
            turn.user.locale,
          ),
        };
      },
    },
  };
}

/**
 * Offers the pulse after a module is marked finished and after a help request is rated:
 * the handlers are wrapped, so the scan and help features stay as they are. Offered as a
 * new message below the updated card, and not again once the person answered about it.
 */
export function withPulseOffers(
  features: Features,
  pulse: PulseService,
  moduleTitle: (tenantId: string, moduleId: string, locale: Locale) => Promise<string | null>,
): Features {
  const mark = features.actions['module.mark'];
  const rate = features.actions['help.rate'];
  const offer = async (turn: Turn, about: PulseAbout, ref: string) => {
    if (!(await pulse.shouldOffer(turn.user, about, ref))) return [];
    const title = about === 'module' ? await moduleTitle(turn.user.tenantId, ref, turn.user.locale) : null;
    return [pulseCard({ about, ref, title }, turn.user.locale)];
  };
  const actions: Features['actions'] = { ...features.actions };
  if (mark) {
    const wrapped: ActionHandler<'module.mark'> = async (turn, command) => {
      const reply = await mark(turn, command);
      if (command.state !== 'finished') return reply;
      return { ...reply, followUps: [...(reply.followUps ?? []), ...(await offer(turn, 'module', command.moduleId))] };
    };
    actions['module.mark'] = wrapped;
  }
  if (rate) {
    // Reached only when the rating was stored (a refused or repeated rating throws before).
    const wrapped: ActionHandler<'help.rate'> = async (turn, command) => {
      const reply = await rate(turn, command);
      return { ...reply, followUps: [...(reply.followUps ?? []), ...(await offer(turn, 'help', command.ticketId))] };
    };
    actions['help.rate'] = wrapped;
  }
  return { ...features, actions };
}
