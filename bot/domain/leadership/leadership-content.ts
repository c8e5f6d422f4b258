import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../org';

export type Localized = Record<Locale, string>;
export type Band = 'low' | 'mid' | 'high';

export interface LeadershipItem {
  id: string;
  dimension: string;
  text: Localized;
  /** Agreeing means less of the dimension ("Digitalisering is een zaak van ICT"). */
  reverse?: boolean;
}

export interface Dimension {
  id: string;
  name: Localized;
  description: Localized;
  advice: Record<Band, Localized>;
}

export interface Toolkit {
  conversationCards: Array<{ id: string; dimension: string; question: Localized }>;
  tips: Array<{ id: string; text: Localized }>;
  /** The programme's material for leaders; `url` only where the tenant's own page exists (no made-up addresses). */
  links: Array<{ id: string; title: Localized; url?: string }>;
}

export interface LeadershipContent {
  items: LeadershipItem[];
  dimensions: Dimension[];
  toolkit: Toolkit;
}

/** The answer scale: 1 (helemaal mee oneens) to 5 (helemaal mee eens). */
export const SCALE = [1, 2, 3, 4, 5] as const;
export const MAX_ITEMS = 25;

/** Reads seeds/leadership; the content tests check its shape, this checks what the scoring relies on. */
export function readLeadershipContent(dir: string): LeadershipContent {
  const load = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
  const content: LeadershipContent = {
    items: load('items.json'),
    dimensions: load('dimensions.json'),
    toolkit: load('toolkit.json'),
  };
  const dims = new Set(content.dimensions.map((d) => d.id));
  if (content.items.length === 0 || content.items.length > MAX_ITEMS)
    throw new Error(`leadership scan needs 1..${MAX_ITEMS} items`);
  for (const item of content.items)
    if (!dims.has(item.dimension)) throw new Error(`leadership item ${item.id}: unknown dimension ${item.dimension}`);
  return content;
}
