import { checkLink } from '../domain/catalogue/catalogue-rows';
import { AppError } from '../domain/errors';
import {
  EMPLOYEES_PER_COACH_MAX,
  EMPLOYEES_PER_COACH_MIN,
  RETENTION_MAX_MONTHS,
  RETENTION_MIN_MONTHS,
  type SettingsChange,
} from '../domain/settings/settings-service';

const invalid = () => new AppError('invalid_settings', 400, 'settings.invalid');

/**
 * A change from the panel: only the known fields, each valid, at least one. Anything else
 * (unknown fields, strings for numbers, 0, 121, 1.5) is refused as a whole.
 */
export function parseSettingsChange(body: Record<string, unknown>): SettingsChange {
  const keys = Object.keys(body);
  if (keys.length === 0 || keys.some((k) => !SETTINGS_FIELDS.includes(k))) throw invalid();
  const out: SettingsChange = {};
  if ('retentionMonths' in body) {
    const m = body.retentionMonths;
    if (
      m !== null &&
      (typeof m !== 'number' || !Number.isInteger(m) || m < RETENTION_MIN_MONTHS || m > RETENTION_MAX_MONTHS)
    )
      throw invalid();
    out.retentionMonths = m;
  }
  if ('remindersEnabled' in body) {
    if (typeof body.remindersEnabled !== 'boolean') throw invalid();
    out.remindersEnabled = body.remindersEnabled;
  }
  if ('learningPageUrl' in body) {
    const url = body.learningPageUrl;
    if (url !== null && typeof url !== 'string') throw invalid();
    const trimmed = url?.trim() ?? '';
    // A real page only: http(s), no made-up example address.
    let refused = false;
    if (trimmed) checkLink(trimmed, () => (refused = true));
    if (refused) throw invalid();
    out.learningPageUrl = trimmed || null;
  }
  if ('coachApproval' in body) {
    if (typeof body.coachApproval !== 'boolean') throw invalid();
    out.coachApproval = body.coachApproval;
  }
  if ('employeesPerCoach' in body) {
    const n = body.employeesPerCoach;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < EMPLOYEES_PER_COACH_MIN || n > EMPLOYEES_PER_COACH_MAX)
      throw invalid();
    out.employeesPerCoach = n;
  }
  return out;
}

const SETTINGS_FIELDS = [
  'retentionMonths',
  'remindersEnabled',
  'learningPageUrl',
  'coachApproval',
  'employeesPerCoach',
];
