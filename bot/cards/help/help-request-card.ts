import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, heading, text } from '../card';
import type { HelpRequestModel } from './models';
import { CHANNELS, channelLabel, URGENCIES, urgencyLabel } from './ticket-facts';

/**
 * `hulp`: topic, one-line question, urgency, how and where (prefilled). Submits
 * `knowledge.ask` {kind} with the inputs `topic`, `question`, `urgency`, `channel`, `where`:
 * the knowledge base answers first where it can. An intake goes to a coach at once (`help.submit`).
 */
export function helpRequestCard(m: HelpRequestModel, locale: Locale): AdaptiveCard {
  const intake = m.kind === 'intake';
  const topicKnown = m.topic && m.domains.some((d) => d.id === m.topic);
  return card(
    [
      heading(t(locale, intake ? 'help.request.titleIntake' : 'help.request.title')),
      text(t(locale, intake ? 'help.request.introIntake' : 'help.request.intro')),
      {
        type: 'Input.ChoiceSet',
        id: 'topic',
        label: t(locale, 'help.request.topic'),
        isRequired: true,
        errorMessage: t(locale, 'help.request.topicError'),
        placeholder: t(locale, 'help.request.topicPlaceholder'),
        style: 'compact',
        wrap: true,
        ...(topicKnown ? { value: m.topic } : {}),
        choices: m.domains.map((d) => ({ title: d.name, value: d.id })),
      },
      {
        type: 'Input.Text',
        id: 'question',
        label: t(locale, 'help.request.question'),
        placeholder: t(locale, 'help.request.questionPlaceholder'),
        // Several lines: on a phone a one-line field cut the placeholder and hid what was typed.
        isMultiline: true,
        maxLength: 200,
        ...(m.question?.trim() ? { value: m.question.trim().slice(0, 200) } : {}),
        isRequired: true,
        errorMessage: t(locale, 'help.request.questionError'),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'urgency',
        label: t(locale, 'help.request.urgency'),
        style: 'expanded',
        wrap: true,
        value: 'today',
        choices: URGENCIES.map((u) => ({ title: urgencyLabel(u, locale), value: u })),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'channel',
        label: t(locale, 'help.request.channel'),
        style: 'expanded',
        wrap: true,
        value: 'chat',
        choices: CHANNELS.map((c) => ({ title: channelLabel(c, locale), value: c })),
      },
      {
        type: 'Input.Text',
        id: 'where',
        label: t(locale, 'help.request.where'),
        placeholder: t(locale, 'help.request.wherePlaceholder'),
        maxLength: 100,
        ...(m.where.trim() ? { value: m.where.trim() } : {}),
      },
      text(t(locale, 'help.request.privacy'), { isSubtle: true, size: 'Small', spacing: 'Medium' }),
    ],
    [action(t(locale, 'help.request.submit'), intake ? 'help.submit' : 'knowledge.ask', { kind: m.kind }, 'positive')],
  );
}
