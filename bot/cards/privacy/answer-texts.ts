import type { LeadershipContent } from '../../domain/leadership/leadership-content';
import type { AnswerTexts } from '../../domain/privacy/privacy-ports';
import type { ContentSource } from '../../domain/scan/scan-service';
import { leadershipAnswerLabel, scanAnswerLabel } from '../scan/answer-label';
import { DEFAULT_TERMS } from '../../domain/terms/definitions';

/**
 * The export's question and answer texts, from the scan content the answers were given on
 * (the current version when that one is gone) and the leadership statements, with the
 * same answer words as the cards.
 */
export function answerTexts(deps: { content: ContentSource; leadership: LeadershipContent }): AnswerTexts {
  const statements = new Map(deps.leadership.items.map((i) => [i.id, i]));
  return {
    async scan(contentVersion, locale) {
      const index = (await deps.content.version(contentVersion)) ?? deps.content.current();
      return (itemId, value) => {
        const item = index.itemsById.get(itemId);
        // The export names systems with the defaults ("het zaaksysteem"), never a raw placeholder.
        return item
          ? { question: DEFAULT_TERMS.apply(item.text[locale], locale), answer: scanAnswerLabel(item, value, locale) }
          : null;
      };
    },
    leadership(locale) {
      return (itemId, value) => {
        const item = statements.get(itemId);
        return item ? { statement: item.text[locale], answer: leadershipAnswerLabel(value, locale) } : null;
      };
    },
  };
}
