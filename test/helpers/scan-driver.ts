import type { TeamsTestClient } from './teams';
import { walk } from './cards';

/** Reads the answer actions of a question card: each button's data, or the ChoiceSet's choices with the submit action. */
export function answerOptions(card: Record<string, unknown>): Array<Record<string, unknown>> {
  const options: Array<Record<string, unknown>> = [];
  let choiceValues: string[] = [];
  let submitData: Record<string, unknown> | null = null;
  walk(card, (el) => {
    if (el.type === 'Input.ChoiceSet' && el.id === 'v')
      choiceValues = (el.choices as Array<{ value: string }>).map((c) => c.value);
    if (el.type === 'Action.Execute' && el.verb === 'scan.answer') {
      const data = el.data as Record<string, unknown>;
      if ('v' in data) options.push(data);
      else submitData = data;
    }
  });
  if (submitData) for (const v of choiceValues) options.push({ ...(submitData as Record<string, unknown>), v });
  return options;
}

export function actionData(card: Record<string, unknown>, verb: string): Record<string, unknown> | null {
  let found: Record<string, unknown> | null = null;
  walk(card, (el) => {
    if (!found && el.type === 'Action.Execute' && el.verb === verb) found = el.data as Record<string, unknown>;
  });
  return found;
}

/** Answers question cards until the result card, picking an answer with `choose`. */
export async function finishScan(
  client: TeamsTestClient,
  card: Record<string, unknown>,
  choose: (options: Array<Record<string, unknown>>) => Record<string, unknown> = (o) => o[Math.min(2, o.length - 1)],
) {
  let current = card;
  let answered = 0;
  while (answerOptions(current).length > 0) {
    const pick = choose(answerOptions(current));
    const res = await client.tap('scan.answer', pick);
    if (!res.card) throw new Error(`no card after answer ${answered}: ${JSON.stringify(res.body)}`);
    current = res.card;
    answered++;
    if (answered > 130) throw new Error('scan does not end');
  }
  return { card: current, answered };
}
