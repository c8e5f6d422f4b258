import file from '../../../seeds/scan/terms.json';
import { type TermDefinition, Terms } from './terms';

/** The terms a municipality may name in its own words, with their defaults (seeds/scan/terms.json). */
export const TERM_DEFINITIONS: readonly TermDefinition[] = file.terms;

/** The defaults only: for texts shown outside a tenant, and the content linter. */
export const DEFAULT_TERMS = new Terms([...TERM_DEFINITIONS]);
