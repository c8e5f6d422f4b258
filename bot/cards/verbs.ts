import { z } from 'zod';
import type { AcceptTicket, CoachSettings, SubmitHelp } from '../domain/help/help-commands';

/**
 * Every card action verb, each with its schema: `card` is the data a card builder puts on
 * the button (`action(title, verb, data)` is typed by it), `payload` is what comes back on
 * a tap (that data plus the card's inputs) and turns it into the domain's typed command.
 * The router parses every tap once with its verb's payload schema; anything that does not
 * fit (wrong types, missing or extra fields, out-of-range values) is refused before a
 * feature sees it. The short wire names (`s`, `t`, `cv`) keep cards that are already in
 * people's chats working; they are mapped to named fields here and nowhere else.
 */

/** Ids we create (tickets, sessions, results: UUIDs) and content keys (items, profiles, modules, versions). */
const ID = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const KEY = z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/);

/** Teams sends Input.Number and Input.ChoiceSet values as strings; our own card data as numbers. */
const int = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\s*-?\d{1,9}\s*$/)
        .transform(Number),
    ])
    .pipe(z.number().int().min(min).max(max));
/** An optional free-text input: Teams may leave it out or send it empty. */
const optionalText = (max: number) => z.string().max(max).optional();
/** A multi-select ChoiceSet sends "a,b"; the tab sends an array. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([
      z.array(z.union([z.string(), z.number()])).max(50),
      z
        .string()
        .max(2000)
        .transform((s) => s.split(',').map((x) => x.trim())),
    ])
    .transform((xs) => xs.map(String).filter(Boolean))
    .pipe(z.array(item).min(1));
const toggle = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** An answer as the card sends it: a scale value, true/false, an option id or "unknown". */
const ANSWER = z.union([z.string().max(64), z.number(), z.boolean()]).transform(String);

/** A coach's settings, from `word digicoach` on a card or the admin's form in the tab. */
const COACH_SETTINGS = {
  domains: list(KEY),
  days: list(
    z
      .string()
      .regex(/^[1-7]$/)
      .transform(Number),
  ),
  maxOpenTickets: int(1, 10),
  weeklyCapacity: int(1, 20),
  start: TIME,
  end: TIME,
  locationId: KEY.or(z.literal('')).optional(),
  departmentId: KEY.or(z.literal('')).optional(),
  takesIntakes: toggle.optional(),
};
type CoachSettingsWire = z.output<z.ZodObject<typeof COACH_SETTINGS>>;

function toCoachSettings(d: CoachSettingsWire): CoachSettings {
  return {
    domains: d.domains,
    days: d.days,
    maxOpenTickets: d.maxOpenTickets,
    weeklyCapacity: d.weeklyCapacity,
    start: d.start,
    end: d.end,
    ...(d.locationId ? { locationId: d.locationId } : {}),
    ...(d.departmentId ? { departmentId: d.departmentId } : {}),
    takesIntakes: d.takesIntakes ?? false,
  };
}

/** The admin's coach form in the tab: the same fields; the tab's other fields (the draft's `userId`) are ignored. */
export const coachSettingsSchema = z.object(COACH_SETTINGS).transform(toCoachSettings);

/** Refuses a payload whose fields are fine one by one but do not fit together. */
type Refuse = () => never;

/**
 * A verb whose button carries `card` and whose card may send `inputs` with it; `command`
 * names the fields for the domain. Both are strict: a field the card never sends is refused.
 */
function verb<C extends z.ZodRawShape, I extends z.ZodRawShape, Command>(
  card: C,
  inputs: I,
  command: (data: z.output<z.ZodObject<C & I>>, refuse: Refuse) => Command,
) {
  const payload = z.strictObject({ ...card, ...inputs }) as unknown as z.ZodObject<C & I>;
  return {
    card: z.strictObject(card),
    payload: payload.transform((data, ctx) =>
      command(data, () => {
        ctx.issues.push({ code: 'custom', message: 'fields do not fit together', input: data });
        return z.NEVER;
      }),
    ),
  };
}

const none = () => ({});
const KIND = z.enum(['help', 'intake']);
const URGENCY = z.enum(['now', 'today', 'week']);
const CHANNEL = z.enum(['chat', 'call', 'in-person']);
/** The help request form's inputs. */
const HELP_FORM = {
  topic: KEY,
  question: z.string().max(1000),
  urgency: URGENCY,
  channel: CHANNEL,
  where: optionalText(200),
};
const toSubmitHelp = (d: {
  kind: SubmitHelp['kind'];
  topic: string;
  question: string;
  urgency: SubmitHelp['urgency'];
  channel: SubmitHelp['channel'];
  where?: string;
}): SubmitHelp => ({
  kind: d.kind,
  topic: d.topic,
  question: d.question,
  urgency: d.urgency,
  channel: d.channel,
  where: d.where ?? '',
});
/** "Toch een digicoach": a whole request to route, or a question to put in the help form. */
export type EscalateQuestion = { request: SubmitHelp } | { form: { question: string; topic?: string } };
/** What "Toch een digicoach" carries: the form's fields (a full request goes on), or only the typed question (the form is shown). */
const ESCALATE = {
  question: z.string().max(200),
  topic: KEY.optional(),
  kind: KIND.optional(),
  urgency: URGENCY.optional(),
  channel: CHANNEL.optional(),
  where: optionalText(200),
};
const toEscalate = (d: z.output<z.ZodObject<typeof ESCALATE>>): EscalateQuestion =>
  d.topic && d.urgency && d.channel
    ? {
        request: toSubmitHelp({
          kind: d.kind ?? 'help',
          topic: d.topic,
          question: d.question,
          urgency: d.urgency,
          channel: d.channel,
          where: d.where,
        }),
      }
    : { form: { question: d.question, ...(d.topic ? { topic: d.topic } : {}) } };
const TICKET = { t: ID };
const ticketRef = (d: { t: string }) => ({ ticketId: d.t });
const optionalCoachSettings = Object.fromEntries(Object.entries(COACH_SETTINGS).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof COACH_SETTINGS]: z.ZodOptional<(typeof COACH_SETTINGS)[K]>;
};

export const ACTIONS = {
  menu: verb({}, {}, none),
  'scan.start': verb({}, {}, none),
  'scan.begin': verb({}, { profile: KEY }, (d) => ({ profileId: d.profile })),
  // `v` is on the button for scale and true/false questions, the card's choice input for scenarios.
  'scan.answer': verb({ s: ID, i: KEY, n: int(1, 1000), cv: KEY, v: ANSWER.optional() }, {}, (d, refuse) => ({
    sessionId: d.s,
    itemId: d.i,
    position: d.n,
    contentVersion: d.cv,
    value: d.v ?? refuse(),
  })),
  'scan.back': verb({ s: ID, n: int(1, 1000) }, { v: ANSWER.optional() }, (d) => ({
    sessionId: d.s,
    position: d.n,
  })),
  'scan.pause': verb({ s: ID }, { v: ANSWER.optional() }, (d) => ({ sessionId: d.s })),
  'scan.result': verb({}, {}, none),
  'scan.intake': verb({ result: ID }, {}, (d) => ({ resultId: d.result })),
  // "Bekijk je antwoorden": the owner's latest result, page by page.
  'scan.review': verb({ result: ID, page: int(1, 100).optional() }, {}, (d) => ({
    resultId: d.result,
    page: d.page ?? 1,
  })),
  'modules.show': verb({}, {}, none),
  // A "sessie met een digicoach" module: the help form with the module as the question.
  'module.session': verb({ module: KEY }, {}, (d) => ({ moduleId: d.module })),
  'module.mark': verb({ module: KEY, state: z.enum(['started', 'finished']) }, {}, (d) => ({
    moduleId: d.module,
    state: d.state,
  })),
  // Events: the list (of one module when the module card's button names it), sign-up and giving up one's place.
  'events.show': verb({ module: KEY.optional() }, {}, (d) => (d.module ? { moduleId: d.module } : {})),
  'event.signUp': verb({ e: ID }, {}, (d) => ({ eventId: d.e })),
  'event.cancel': verb({ e: ID }, {}, (d) => ({ eventId: d.e })),
  'help.start': verb({}, {}, none),
  'help.submit': verb({ kind: KIND }, HELP_FORM, toSubmitHelp),
  'help.cancel': verb(TICKET, {}, ticketRef),
  'help.reopen': verb(TICKET, {}, ticketRef),
  // The offer card names the offer (`seq`); the escalation card offers the ticket to the pool.
  'help.accept': verb(
    { t: ID, seq: int(1, 1000).optional(), pool: z.literal(true).optional() },
    { reason: optionalText(500) },
    (d, refuse): AcceptTicket =>
      d.pool ? { ticketId: d.t, fromPool: true } : { ticketId: d.t, fromPool: false, seq: d.seq ?? refuse() },
  ),
  'help.decline': verb({ t: ID, seq: int(1, 1000) }, { reason: optionalText(500) }, (d) => ({
    ticketId: d.t,
    seq: d.seq,
    ...(d.reason?.trim() ? { reason: d.reason.trim() } : {}),
  })),
  'help.resolve': verb(
    TICKET,
    { outcome: z.enum(['solved', 'service-desk', 'training']), minutes: int(1, 480) },
    (d) => ({ ticketId: d.t, outcome: d.outcome, minutes: d.minutes }),
  ),
  'help.giveBack': verb(TICKET, {}, ticketRef),
  'help.rate': verb(TICKET, { rating: int(1, 5), comment: optionalText(1000) }, (d) => ({
    ticketId: d.t,
    rating: d.rating,
    ...(d.comment?.trim() ? { comment: d.comment.trim() } : {}),
  })),
  // The "word digicoach" button sends nothing and gets the form; the form sends all the settings.
  'help.register': verb({}, optionalCoachSettings, (d, refuse): { settings: CoachSettings | null } => {
    if (Object.values(d).every((v) => v === undefined)) return { settings: null };
    const full = z.object(COACH_SETTINGS).safeParse(d);
    return { settings: full.success ? toCoachSettings(full.data) : refuse() };
  }),
  'help.tickets': verb({}, {}, none),
  // Knowledge base: the help form's submit searches articles first; "Dit hielp me" names the article.
  'knowledge.ask': verb({ kind: KIND }, HELP_FORM, toSubmitHelp),
  'knowledge.helped': verb({ a: KEY }, {}, (d) => ({ articleId: d.a })),
  // "Toch een digicoach" carries the form's fields (a full request goes on), or only the typed question (the form is shown).
  'knowledge.escalate': verb(ESCALATE, {}, toEscalate),
  // "Hielp niet" names the article and carries what "Toch een digicoach" sends on, so the answer can offer it.
  'knowledge.notHelped': verb({ a: KEY, ...ESCALATE }, {}, ({ a, ...escalate }) => ({ articleId: a, escalate })),
  // A coach turns a resolved question into a how-to: the button names the question, the form sends title and steps.
  'knowledge.draft': verb(TICKET, {}, ticketRef),
  'knowledge.saveDraft': verb(TICKET, { title: z.string().max(200), steps: z.string().max(3000) }, (d) => ({
    ticketId: d.t,
    title: d.title,
    steps: d.steps,
  })),
  'pulse.answer': verb(
    { about: z.enum(['module', 'help']), ref: KEY },
    // Teams leaves an unanswered optional ChoiceSet out, or sends it empty.
    { useful: int(1, 5), recommend: z.enum(['yes', 'no', '']).optional() },
    (d) => ({ about: d.about, ref: d.ref, useful: d.useful, recommend: d.recommend || null }),
  ),
  // The approver's card for a coach registration: approve (`ok: true`) or reject.
  'coach.decide': verb({ u: ID, ok: z.boolean() }, {}, (d) => ({ userId: d.u, approve: d.ok })),
  'privacy.show': verb({}, {}, none),
  'privacy.export': verb({}, {}, none),
  'privacy.delete': verb({}, {}, none),
  'privacy.confirmDelete': verb({ confirm: z.literal('yes') }, {}, () => ({ confirmed: true as const })),
};

export type Verb = keyof typeof ACTIONS;
export const VERBS = Object.keys(ACTIONS) as Verb[];

/** The data a card builder puts on a button for `verb` (checked at compile time). */
export type CardData<V extends Verb> = z.input<(typeof ACTIONS)[V]['card']>;
/** What the feature for `verb` receives: the tap's data as a typed command with named fields. */
export type ActionCommand<V extends Verb> = z.output<(typeof ACTIONS)[V]['payload']>;

/** Verbs whose buttons carry no data: a notice's "next step" and the like. */
export type PlainVerb = { [V in Verb]: Record<string, never> extends CardData<V> ? V : never }[Verb];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

/**
 * Parses a tap's data with its verb's schema. The `verb` the card repeats in its data (for
 * the Action.Submit fallback) must be the verb itself. null: refuse it, change nothing.
 */
export function parseAction<V extends Verb>(verb: V, data: unknown): ActionCommand<V> | null {
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return null;
  const { verb: echoed, ...fields } = data as { verb?: unknown };
  if (echoed !== undefined && echoed !== verb) return null;
  const parsed = ACTIONS[verb].payload.safeParse(fields);
  return parsed.success ? (parsed.data as ActionCommand<V>) : null;
}
