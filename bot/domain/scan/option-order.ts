import type { Item } from './content';

/**
 * A scenario's options in the order one person sees them: shuffled, so the right
 * answer's place gives nothing away and colleagues can't pass on "it's the second
 * one", yet stable for that person and item (seeded by user id + item id), so
 * resuming the scan or going back shows the same card. The answer stored is the
 * option's id, never its position.
 */
export function optionOrder(item: Item, userId: string): NonNullable<Item['options']> {
  const options = [...(item.options ?? [])];
  const next = seededRandom(`${userId}|${item.id}`);
  for (let i = options.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [options[i], options[j]] = [options[j], options[i]];
  }
  return options;
}

/** A small deterministic generator (FNV-1a seed, mulberry32 steps): the same text, the same sequence. */
function seededRandom(text: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
