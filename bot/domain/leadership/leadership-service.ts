import { AppError, isConflict } from '../errors';
import type { Locale } from '../org';
import type { Clock } from '../ports';
import { type LeadershipContent, MAX_ITEMS } from './leadership-content';
import type { LeadershipAnswers, LeadershipRepository } from './leadership-ports';
import { type DimensionScore, scoreLeadership } from './leadership-scoring';

const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');
const noResult = () => new AppError('not_found', 404, 'error.notFound');

export interface LeadershipState {
  items: Array<{ id: string; dimension: string; text: string }>;
  dimensions: Array<{ id: string; name: string; description: string }>;
  /** The caller's own answers so far (only ever returned to the caller). */
  answers: Record<string, number>;
  answered: number;
  total: number;
  completedAt: string | null;
}

export interface LeadershipResult {
  completedAt: string;
  profile: Array<DimensionScore & { name: string; description: string; advice: string }>;
  /** The two dimensions with the lowest score: where the advice starts. */
  focus: string[];
  conversationCards: Array<{ id: string; dimension: string; dimensionName: string; question: string }>;
  tips: Array<{ id: string; text: string }>;
  links: Array<{ id: string; title: string; url?: string }>;
}

/**
 * The digital-leadership scan: at most 25 statements, answered one by one or as a form,
 * stored per leader and scored into a private profile with toolkit advice. There is no
 * use case that reads anyone's answers but the caller's own.
 */
export class LeadershipService {
  constructor(private readonly deps: { content: LeadershipContent; repo: LeadershipRepository; clock: Clock }) {}

  async state(caller: { tenantId: string; userId: string }, locale: Locale): Promise<LeadershipState> {
    const { content } = this.deps;
    const stored = await this.deps.repo.get(caller.tenantId, caller.userId);
    const answers = stored?.value.answers ?? {};
    return {
      items: content.items.map((i) => ({ id: i.id, dimension: i.dimension, text: i.text[locale] })),
      dimensions: content.dimensions.map((d) => ({
        id: d.id,
        name: d.name[locale],
        description: d.description[locale],
      })),
      answers,
      answered: Object.keys(answers).length,
      total: content.items.length,
      completedAt: stored?.value.completedAt ?? null,
    };
  }

  /** Saves some or all answers (validated: known items, whole numbers 1–5, at most 25 at once). */
  async answer(
    caller: { tenantId: string; userId: string },
    body: unknown,
  ): Promise<{ answered: number; total: number; completedAt: string | null }> {
    const given = this.validate(body);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.deps.repo.get(caller.tenantId, caller.userId);
      const now = this.deps.clock.now().toISOString();
      // Answering again after the retention period starts a fresh scan: a kept profile and new answers do not mix.
      const doc: LeadershipAnswers =
        stored && !stored.value.scores
          ? { ...stored.value, answers: { ...stored.value.answers, ...given }, updatedAt: now }
          : {
              tenantId: caller.tenantId,
              userId: caller.userId,
              answers: given,
              startedAt: now,
              updatedAt: now,
              completedAt: null,
            };
      const complete = this.deps.content.items.every((i) => typeof doc.answers[i.id] === 'number');
      if (complete) doc.completedAt = now;
      try {
        await this.deps.repo.save(doc, stored?.etag ?? null);
        return {
          answered: Object.keys(doc.answers).length,
          total: this.deps.content.items.length,
          completedAt: doc.completedAt,
        };
      } catch (err) {
        // Two tabs saving at once: read again and merge.
        if (!isConflict(err) || attempt >= 3) throw err;
      }
    }
  }

  async result(caller: { tenantId: string; userId: string }, locale: Locale): Promise<LeadershipResult> {
    const stored = await this.deps.repo.get(caller.tenantId, caller.userId);
    if (!stored?.value.completedAt) throw noResult();
    const { content } = this.deps;
    // After the retention period only the kept profile is left, not the answers it came from.
    const scores =
      stored.value.scores && Object.keys(stored.value.answers).length === 0
        ? stored.value.scores
        : scoreLeadership(content, stored.value.answers);
    const byId = new Map(content.dimensions.map((d) => [d.id, d]));
    const focus = [...scores]
      .sort(
        (a, b) =>
          a.mean - b.mean ||
          content.dimensions.findIndex((d) => d.id === a.dimension) -
            content.dimensions.findIndex((d) => d.id === b.dimension),
      )
      .slice(0, 2)
      .map((s) => s.dimension);
    const rank = (dimension: string) => {
      const at = focus.indexOf(dimension);
      return at === -1 ? focus.length + scores.findIndex((s) => s.dimension === dimension) : at;
    };
    return {
      completedAt: stored.value.completedAt,
      profile: scores.map((s) => {
        const d = byId.get(s.dimension)!;
        return { ...s, name: d.name[locale], description: d.description[locale], advice: d.advice[s.band][locale] };
      }),
      focus,
      conversationCards: [...content.toolkit.conversationCards]
        .sort((a, b) => rank(a.dimension) - rank(b.dimension))
        .map((c) => ({
          id: c.id,
          dimension: c.dimension,
          dimensionName: byId.get(c.dimension)?.name[locale] ?? c.dimension,
          question: c.question[locale],
        })),
      tips: content.toolkit.tips.map((t) => ({ id: t.id, text: t.text[locale] })),
      links: content.toolkit.links.map((l) => ({ id: l.id, title: l.title[locale], ...(l.url ? { url: l.url } : {}) })),
    };
  }

  /** Start over: the leader's answers are deleted, not archived. */
  async reset(caller: { tenantId: string; userId: string }): Promise<void> {
    await this.deps.repo.delete(caller.tenantId, caller.userId);
  }

  private validate(body: unknown): Record<string, number> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid();
    const answers = (body as { answers?: unknown }).answers;
    if (!answers || typeof answers !== 'object' || Array.isArray(answers)) throw invalid();
    const entries = Object.entries(answers as Record<string, unknown>);
    if (entries.length === 0 || entries.length > MAX_ITEMS) throw invalid();
    const known = new Set(this.deps.content.items.map((i) => i.id));
    const out: Record<string, number> = {};
    for (const [id, value] of entries) {
      if (!known.has(id) || typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5)
        throw invalid();
      out[id] = value;
    }
    return out;
  }
}
