import { AppError } from '../domain/errors';
import { isValidTermWord, type OwnWord } from '../domain/terms/terms';
import type { TermsChange } from '../domain/terms/terms-service';

const invalid = () => new AppError('invalid_terms', 400, 'terms.invalid');

/**
 * A change from "Eigen woorden": `{ terms: { zaaksysteem: { nl: "JOIN", en?: "JOIN" } | null } }`.
 * Words are trimmed; an empty Dutch word (or null) means "back to the default", an empty
 * English word "the same as in Dutch". Anything else (other fields, markup, line breaks,
 * over 40 characters) is refused as a whole; which ids exist the service checks.
 */
export function parseTermsChange(body: Record<string, unknown>): TermsChange {
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'terms') throw invalid();
  const terms = body.terms;
  if (!terms || typeof terms !== 'object' || Array.isArray(terms)) throw invalid();
  const out: TermsChange = {};
  for (const [id, value] of Object.entries(terms as Record<string, unknown>)) out[id] = parseWord(value);
  if (Object.keys(out).length === 0) throw invalid();
  return out;
}

function parseWord(value: unknown): OwnWord | null {
  if (value === null) return null;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const record = value as Record<string, unknown>;
  if (Object.keys(record).some((k) => k !== 'nl' && k !== 'en')) throw invalid();
  const nl = text(record.nl);
  const en = record.en === undefined ? '' : text(record.en);
  if (nl === '') {
    if (en !== '') throw invalid();
    return null;
  }
  if (!isValidTermWord(nl) || (en !== '' && !isValidTermWord(en))) throw invalid();
  return en === '' ? { nl } : { nl, en };
}

function text(v: unknown): string {
  if (typeof v !== 'string') throw invalid();
  return v.trim();
}
