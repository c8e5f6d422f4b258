import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { action, type AdaptiveCard, card, type Element, heading, text } from '../card';
import type { CoachRegistrationModel } from './models';

const DEFAULTS = { maxOpenTickets: 3, weeklyCapacity: 3, days: [1, 2, 3, 4, 5], start: '08:00', end: '16:30' };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * `word digicoach` (also to change one's details): skills, location, department (only when
 * the directory does not know it), load limits, working days and hours, intakes.
 * Submits `help.register` {} with the inputs named in the model.
 */
export function coachRegistrationCard(m: CoachRegistrationModel, locale: Locale): AdaptiveCard {
  const c = m.current;
  const known = (options: { id: string }[], id: string | undefined) =>
    id && options.some((o) => o.id === id) ? { value: id } : {};
  const domains = (c?.domains ?? []).filter((d) => m.domains.some((o) => o.id === d));
  const days = c?.workingHours.days.length ? c.workingHours.days : DEFAULTS.days;

  const body: Element[] = [
    heading(t(locale, 'coach.register.title')),
    text(t(locale, 'coach.register.what')),
    text(t(locale, 'coach.register.time')),
    // A registration that still waits (or was refused) is no "you are a digicoach already".
    ...(c && c.approval?.state === 'pending'
      ? [text(t(locale, 'coach.pending.title'), { weight: 'Bolder' })]
      : c && c.approval?.state !== 'rejected'
        ? [text(t(locale, 'coach.register.current'), { weight: 'Bolder' })]
        : []),
    {
      type: 'Input.ChoiceSet',
      id: 'domains',
      label: t(locale, 'coach.register.domains'),
      isMultiSelect: true,
      style: 'expanded',
      wrap: true,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.domainsError'),
      ...(domains.length ? { value: domains.join(',') } : {}),
      choices: m.domains.map((d) => ({ title: d.name, value: d.id })),
      spacing: 'Medium',
    },
  ];
  if (m.locations.length) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'locationId',
      label: t(locale, 'coach.register.location'),
      style: 'compact',
      wrap: true,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.locationError'),
      // An empty list reads as broken: a placeholder says what to do, and the directory's location is chosen already.
      placeholder: t(locale, 'coach.register.locationPlaceholder'),
      ...known(m.locations, c?.locationId ?? m.ownLocationId),
      choices: m.locations.map((l) => ({ title: l.name, value: l.id })),
    });
  }
  if (!m.departmentKnown && m.departments.length) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'departmentId',
      label: t(locale, 'coach.register.department'),
      style: 'compact',
      wrap: true,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.departmentError'),
      placeholder: t(locale, 'coach.register.departmentPlaceholder'),
      ...known(m.departments, c?.departmentId),
      choices: m.departments.map((d) => ({ title: d.name, value: d.id })),
    });
  }
  body.push(
    {
      type: 'Input.Number',
      id: 'maxOpenTickets',
      label: t(locale, 'coach.register.maxOpen'),
      min: 1,
      max: 10,
      value: clamp(c?.maxOpenTickets ?? DEFAULTS.maxOpenTickets, 1, 10),
      isRequired: true,
      errorMessage: t(locale, 'coach.register.maxOpenError'),
    },
    {
      type: 'Input.Number',
      id: 'weeklyCapacity',
      label: t(locale, 'coach.register.weekly'),
      min: 1,
      max: 20,
      value: clamp(c?.weeklyCapacity ?? DEFAULTS.weeklyCapacity, 1, 20),
      isRequired: true,
      errorMessage: t(locale, 'coach.register.weeklyError'),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'days',
      label: t(locale, 'coach.register.days'),
      isMultiSelect: true,
      style: 'expanded',
      wrap: true,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.daysError'),
      value: days.join(','),
      choices: [1, 2, 3, 4, 5, 6, 7].map((d) => ({
        title: t(locale, `coach.day.${d}` as MessageKey),
        value: String(d),
      })),
    },
    {
      type: 'Input.Time',
      id: 'start',
      label: t(locale, 'coach.register.start'),
      value: c?.workingHours.start ?? DEFAULTS.start,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.timeError'),
    },
    {
      type: 'Input.Time',
      id: 'end',
      label: t(locale, 'coach.register.end'),
      value: c?.workingHours.end ?? DEFAULTS.end,
      isRequired: true,
      errorMessage: t(locale, 'coach.register.timeError'),
    },
    {
      type: 'Input.Toggle',
      id: 'takesIntakes',
      label: t(locale, 'coach.register.intakes'),
      title: t(locale, 'coach.register.intakesTitle'),
      valueOn: 'true',
      valueOff: 'false',
      value: c?.takesIntakes ? 'true' : 'false',
      wrap: true,
    },
    text(t(locale, 'coach.register.who'), { isSubtle: true, size: 'Small', spacing: 'Medium' }),
  );
  return card(body, [
    action(t(locale, c ? 'coach.register.save' : 'coach.register.submit'), 'help.register', {}, 'positive'),
  ]);
}
