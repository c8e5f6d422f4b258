/**
 * Plain-text measures for the content linter: sentences, words, a Dutch syllable
 * estimate and the Flesch–Douma reading ease (206.84 − 0.77 × syllables per 100 words
 * − 0.93 × words per sentence; above 60 reads easily, B1 sits around 60–70).
 */

/** Sentences split on . ? ! : followed by a space or the end; quotes and Markdown stripped. */
export function sentences(text: string): string[] {
  return text
    .replace(/\*\*|[*_`'"‘’“”]/g, '')
    .split(/(?<=[.?!:])\s+/)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
}

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/**
 * Syllables by vowel groups ("oe", "ij", "eeu" count once); a diaeresis starts a new
 * syllable ("ideeën"), and a word has at least one. Good enough to compare texts.
 */
export function syllables(word: string): number {
  const groups = word.toLowerCase().match(/[ëïü]|[aeiouyáéíóúàèâêîôû]+/g) ?? [];
  return Math.max(1, groups.length);
}

export function fleschDouma(text: string): number {
  const list = words(text);
  const count = sentences(text).length;
  if (list.length === 0 || count === 0) return 100;
  const perHundred = (100 * list.reduce((s, w) => s + syllables(w), 0)) / list.length;
  return 206.84 - 0.77 * perHundred - 0.93 * (list.length / count);
}

export function longestSentence(text: string): number {
  return Math.max(0, ...sentences(text).map((s) => words(s).length));
}
