import type restify from 'restify';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { EventService, EventView, Participant } from '../domain/events/event-service';
import { EVENT_KINDS, type EventInput } from '../domain/events/event-types';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, objectBody, sendPrivate } from './tab-request';

/** The tab's event API: request and response shapes, shared with the tab (`tab/src/api.ts`). */
export type { EventView, Participant };
export interface EventsResponse {
  events: EventView[];
  /** The caller may create events (programme admin or a named organiser). */
  canOrganise: boolean;
}
export interface ParticipantsResponse {
  participants: Participant[];
}
export interface OrganisersResponse {
  userIds: string[];
}

const KEY = /^[A-Za-z0-9._:-]{1,80}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** What an organiser sends to create or change an event (local date and 24-hour times in the tenant's zone). */
export const eventInputSchema = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  title: z.string().trim().min(1).max(120),
  description: z.string().max(1000).default(''),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  start: z.string().regex(TIME),
  end: z.string().regex(TIME),
  place: z.string().max(200).default(''),
  // Only https links: the card's button opens it as is.
  onlineUrl: z.union([z.literal(''), z.string().max(500).url().startsWith('https://')]).default(''),
  capacity: z.number().int().min(1).max(1000),
  moduleId: z.union([z.literal(''), z.string().regex(KEY)]).optional(),
});
export type EventInputBody = z.input<typeof eventInputSchema>;

const attendanceSchema = z.strictObject({ userId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), attended: z.boolean() });
const organisersSchema = z.strictObject({ userIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).max(200) });

function inputOf(body: unknown): EventInput {
  const parsed = eventInputSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
  const { moduleId, ...rest } = parsed.data;
  return { ...rest, ...(moduleId ? { moduleId } : {}) };
}

/** Events for everyone (list, sign up, cancel), organisers (create, edit, cancel, attendance) and the admin (organisers). */
export function registerEventRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; events: EventService; log: Logger },
): void {
  const { auth, events, log } = deps;

  serve(server, API.events, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    const moduleId = query.get('module') ?? undefined;
    if (moduleId !== undefined && !KEY.test(moduleId))
      throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const body: EventsResponse = {
      events: await events.list(caller, { moduleId, history: query.get('history') === '1' }),
      canOrganise: await events.canOrganise(caller),
    };
    sendPrivate(res, 200, body);
  });

  // "Mijn voortgang": the events the caller signed up for or waits for.
  serve(server, API.myEvents, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, { events: await events.mine(caller), canOrganise: false } satisfies EventsResponse);
  });

  serve(server, API.createEvent, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const created = await events.create(caller, inputOf(objectBody(req)));
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'event.created' }, 'event created');
    sendPrivate(res, 201, created);
  });

  serve(server, API.updateEvent, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const ifMatch = req.header('if-match') || undefined;
    sendPrivate(res, 200, await events.update(caller, idParam(req, 'eventId'), inputOf(objectBody(req)), ifMatch));
  });

  serve(server, API.cancelEvent, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, await events.cancelEvent(caller, idParam(req, 'eventId')));
  });

  serve(server, API.signUp, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, await events.signUp(caller, idParam(req, 'eventId')));
  });

  serve(server, API.cancelSignUp, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, await events.cancelSignup(caller, idParam(req, 'eventId')));
  });

  serve(server, API.participants, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body: ParticipantsResponse = { participants: await events.participants(caller, idParam(req, 'eventId')) };
    sendPrivate(res, 200, body);
  });

  serve(server, API.attendance, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body = attendanceSchema.safeParse(objectBody(req));
    if (!body.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const participants = await events.markAttendance(
      caller,
      idParam(req, 'eventId'),
      body.data.userId,
      body.data.attended,
    );
    sendPrivate(res, 200, { participants } satisfies ParticipantsResponse);
  });

  serve(server, API.organisers, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, { userIds: await events.organisers(caller) } satisfies OrganisersResponse);
  });

  serve(server, API.saveOrganisers, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body = organisersSchema.safeParse(objectBody(req));
    if (!body.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    sendPrivate(res, 200, {
      userIds: await events.setOrganisers(caller, body.data.userIds),
    } satisfies OrganisersResponse);
  });
}
