import { en } from './en';
import { type MessageKey, nl } from './nl';
import { type PluralBase, translator } from './translator';

export type { MessageKey };
export type PluralKey = PluralBase<MessageKey>;

/**
 * The bot's words. Numbers in placeholders stay as given (`plain`): cards pass counts and
 * already formatted figures, and some texts hold years and times.
 */
const bot = translator<MessageKey>({ nl, en }, { numbers: 'plain' });

/** Translates a key, filling `{name}` placeholders. Unknown placeholders stay visible, so tests catch them. */
export const t = bot.t;
/** `<key>.one` for exactly 1, `<key>.other` for any other count (0 too). */
export const pluralKey = bot.pluralKey;
/** Translates a counted message ("1 uitslag", "2 uitslagen"), filling `{count}` and the other placeholders. */
export const tn = bot.tn;
export const isMessageKey = bot.isKey;
