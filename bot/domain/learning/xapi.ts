import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The one verb this endpoint takes: a learning platform telling that someone completed something. */
export const XAPI_COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

const statement = z.object({
  id: z.string().uuid(),
  actor: z.object({ mbox: z.string().regex(/^mailto:[^\s@]+@[^\s@]+$/i) }).passthrough(),
  verb: z.object({ id: z.string().url() }).passthrough(),
  object: z.object({ id: z.string().min(1).max(500) }).passthrough(),
  timestamp: z.string().datetime({ offset: true }).optional(),
});

/** One statement or a list of at most 100 (xAPI's POST /statements takes both). */
export const statementsSchema = z.union([statement, z.array(statement).min(1).max(100)]);

export interface CompletedStatement {
  statementId: string;
  email: string;
  /** The module id the object id ends with (`…/modules/<id>` or `urn:…:<id>`). */
  moduleId: string;
  at: Date | null;
  verb: string;
}

export type StatementProblem = {
  index: number;
  code: 'not-completed' | 'unknown-person' | 'unknown-module' | 'retired-module';
};

/** The module id at the end of an activity id: after its last `/`, `:` or `#`. */
export function moduleIdOf(objectId: string): string {
  return objectId.split(/[/:#]/).filter(Boolean).at(-1) ?? '';
}

export function readStatements(body: z.infer<typeof statementsSchema>): CompletedStatement[] {
  return (Array.isArray(body) ? body : [body]).map((s) => ({
    statementId: s.id.toLowerCase(),
    email: s.actor.mbox.slice('mailto:'.length).toLowerCase(),
    moduleId: moduleIdOf(s.object.id),
    at: s.timestamp ? new Date(s.timestamp) : null,
    verb: s.verb.id,
  }));
}

/** A credential is a random secret shown once; only its hash is kept (a fast hash is enough for 256 random bits). */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
