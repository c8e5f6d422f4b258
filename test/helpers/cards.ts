import assert from 'node:assert/strict';
// The package's ESM entry fails on Node; the UMD bundle parses and validates without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Asserts a card is valid Adaptive Card 1.5 as the official parser sees it, small, and phone-friendly. */
export function assertValidCard(card: unknown, label = 'card'): void {
  const json = card as Record<string, unknown>;
  assert.equal(json.type, 'AdaptiveCard', `${label}: type`);
  assert.equal(json.version, '1.5', `${label}: version must be 1.5`);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  assert.deepEqual(problems, [], `${label}: ${problems.join('; ')}`);
  const size = Buffer.byteLength(JSON.stringify(card));
  assert.ok(size < 28 * 1024, `${label}: ${size} bytes is over the 28 KB budget`);
  walk(json, (el) => {
    if (el.type === 'TextBlock') {
      assert.equal(el.wrap, true, `${label}: every TextBlock wraps`);
      assert.ok(typeof el.text === 'string' && el.text.trim().length > 0, `${label}: TextBlock without text`);
      assert.doesNotMatch(el.text, /\{\w+\}/, `${label}: unfilled placeholder in "${el.text}"`);
    }
    if (typeof el.type === 'string' && el.type.startsWith('Input.')) {
      assert.ok(el.label, `${label}: input ${String(el.id)} needs a label`);
    }
  });
  const actions = (json.actions as unknown[] | undefined) ?? [];
  assert.ok(actions.length <= 6, `${label}: too many actions for a phone (${actions.length})`);
}

/** All text a user would read on the card, for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  walk(card, (el) => {
    if (typeof el.text === 'string') out.push(el.text);
    if (typeof el.title === 'string') out.push(el.title);
    if (typeof el.value === 'string' && el.type === 'TextRun') out.push(el.value);
  });
  return out.join('\n');
}

/** The verbs of all Action.Execute actions on a card (including nested ones). */
export function cardVerbs(card: unknown): string[] {
  const verbs: string[] = [];
  walk(card, (el) => {
    if (el.type === 'Action.Execute' && typeof el.verb === 'string') verbs.push(el.verb);
  });
  return verbs;
}

export function walk(node: unknown, visit: (el: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return;
  const el = node as Record<string, unknown>;
  if (typeof el.type === 'string') visit(el);
  for (const [key, value] of Object.entries(el)) if (key !== 'fallback') walk(value, visit);
}
