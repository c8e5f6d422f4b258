import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { DRAFT_STEPS, DRAFT_TITLE } from '../../domain/knowledge/knowledge-admin';
import { action, type AdaptiveCard, card, heading, text } from '../card';

/**
 * A coach's how-to from a question they resolved: a title and the steps, empty to start
 * with. Nothing of the question is filled in (not the words, not who asked): the card
 * says to leave out personal details, and the programme team reviews before anyone sees it.
 */
export function draftCard(ticketId: string, locale: Locale): AdaptiveCard {
  return card(
    [
      heading(t(locale, 'knowledge.draft.title')),
      text(t(locale, 'knowledge.draft.intro')),
      text(t(locale, 'knowledge.draft.privacy'), { weight: 'Bolder', color: 'Attention' }),
      {
        type: 'Input.Text',
        id: 'title',
        label: t(locale, 'knowledge.draft.titleLabel'),
        isRequired: true,
        maxLength: DRAFT_TITLE.max,
        errorMessage: t(locale, 'knowledge.draft.titleError'),
      },
      {
        type: 'Input.Text',
        id: 'steps',
        label: t(locale, 'knowledge.draft.stepsLabel'),
        isMultiline: true,
        isRequired: true,
        maxLength: DRAFT_STEPS.max * DRAFT_STEPS.lineMax,
        errorMessage: t(locale, 'knowledge.draft.stepsError'),
      },
    ],
    [action(t(locale, 'knowledge.draft.save'), 'knowledge.saveDraft', { t: ticketId }, 'positive')],
  );
}
