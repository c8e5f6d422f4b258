import type { CardData, Verb } from './verbs';

/** Minimal Adaptive Card element types: enough to keep builders honest without a DSL. */
export type Element = Record<string, unknown> & { type: string };
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Element[];
  actions?: Element[];
  refresh?: Record<string, unknown>;
}

/** Every card is Adaptive Card 1.5 (the highest Teams mobile renders) with `version` always set. */
export function card(body: Element[], actions: Element[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  };
}

export function text(value: string, opts: Record<string, unknown> = {}): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...opts };
}

export function heading(value: string): Element {
  return text(value, { size: 'Large', weight: 'Bolder', style: 'heading' });
}

type Style = 'positive' | 'destructive';
/** The button's data is typed by its verb's schema; it may be left out only when the verb carries none. */
type DataAndStyle<V extends Verb> =
  Record<string, never> extends CardData<V> ? [data?: CardData<V>, style?: Style] : [data: CardData<V>, style?: Style];

/**
 * A Universal Action (`Action.Execute`) with a fallback `Action.Submit` carrying the same
 * verb, for clients without Universal Actions; both reach the same router, which parses
 * the data with the verb's schema (`verbs.ts`).
 */
export function action<V extends Verb>(title: string, verb: V, ...[data, style]: DataAndStyle<V>): Element {
  const payload = { verb, ...data };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: payload },
  };
}

/** A link that opens in the browser (the privacy statement): no verb, nothing is sent to the bot. */
export function openUrl(title: string, url: string): Element {
  return { type: 'Action.OpenUrl', title, url };
}
