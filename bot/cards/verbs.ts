/**
 * Every card action verb in one typed union, shared by the card builders and the
 * action router. Data travels with the verb; the router validates it before use.
 */
export const VERBS = [
  'menu',
  'scan.start',
  'scan.begin',
  'scan.answer',
  'scan.back',
  'scan.pause',
  'scan.result',
  'scan.intake',
  'modules.show',
  'module.mark',
  'help.start',
  'help.submit',
  'help.cancel',
  'help.reopen',
  'help.accept',
  'help.decline',
  'help.resolve',
  'help.giveBack',
  'help.rate',
  'help.register',
  'help.tickets',
  // Knowledge base: the help form's submit (articles first), "Dit hielp me" {a: article id}, "Toch een digicoach" {the form's fields}.
  'knowledge.ask',
  'knowledge.helped',
  'knowledge.escalate',
  'privacy.export',
  'privacy.delete',
  'privacy.confirmDelete',
] as const;

export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}
