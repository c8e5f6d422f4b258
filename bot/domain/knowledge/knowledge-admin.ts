import { createHash } from 'node:crypto';
import type { AdminAuditLog } from '../audit';
import { type Caller, notFound, requireAdmin } from '../dashboard/access';
import { AppError, isConflict } from '../errors';
import type { Clock, Directory } from '../ports';
import { parseArticles } from './article';
import { type ContentGap, GAP_MIN_COUNT, visibleGaps } from './content-gaps';
import type { KnowledgeService } from './knowledge-service';
import type { KnowledgeStats, TenantArticle, TenantArticleStore } from './knowledge-ports';

export const DRAFT_TITLE = { min: 5, max: 120 };
export const DRAFT_STEPS = { max: 8, lineMax: 300 };

/** A resolved help question as a draft's source: only its topic travels, never the question or who asked. */
export interface ResolvedQuestions {
  /** The topic of a question this coach resolved; null when it is not theirs or not resolved. */
  topicOf(tenantId: string, ticketId: string, coachId: string): Promise<string | null>;
}

export interface DraftInput {
  ticketId: string;
  title: string;
  /** One step per line, as the coach typed them. */
  steps: string;
}

export interface ArticleEdit {
  domain: string;
  title: { nl: string; en: string };
  steps: { nl: string[]; en: string[] };
  tags: string[];
}

export interface FeedbackRow {
  articleId: string;
  title: { nl: string; en: string };
  source: 'shared' | 'tenant';
  helped: number;
  notHelped: number;
}

export interface KnowledgeOverview {
  drafts: TenantArticle[];
  /** The tenant's own published and rejected articles, newest first. */
  own: TenantArticle[];
  /** Counts only, per article with any feedback; most feedback first. */
  feedback: FeedbackRow[];
  gaps: ContentGap[];
  gapMinCount: number;
  /** Questions answered by articles, sent straight on, and sent on after articles. */
  totals: { suggested: number; noMatch: number; escalated: number };
}

const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');

/** The draft's id comes from the question it was written from: sending the form twice keeps one draft. */
const draftId = (tenantId: string, ticketId: string) =>
  `own-${createHash('sha256').update(`${tenantId}|${ticketId}`).digest('hex').slice(0, 12)}`;

/** Lines a person typed as steps: trimmed, empty ones dropped. */
export function stepLines(steps: string): string[] {
  return steps
    .split(/\r?\n/)
    .map((s) => s.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, '').trim())
    .filter(Boolean);
}

/**
 * Coaches feed the knowledge base: a coach turns a resolved question into a draft (their own
 * words; the question and the requester are never copied in), the programme team edits it,
 * publishes it for the tenant (then the tenant's search finds it) or rejects it. Feedback
 * and content gaps are shown to the programme team as counts only.
 */
export class KnowledgeAdmin {
  constructor(
    private readonly deps: {
      store: TenantArticleStore;
      stats: KnowledgeStats;
      knowledge: KnowledgeService;
      questions: ResolvedQuestions;
      directory: Directory;
      audit: AdminAuditLog;
      domains: () => readonly string[];
      clock: Clock;
    },
  ) {}

  /** Whether this coach may write a draft from this question (it is theirs and resolved). */
  async canDraft(coach: Caller, ticketId: string): Promise<boolean> {
    return (await this.deps.questions.topicOf(coach.tenantId, ticketId, coach.userId)) !== null;
  }

  /** A coach's draft from a resolved question. Null when the question is not theirs or not resolved. */
  async saveDraft(coach: Caller, input: DraftInput): Promise<TenantArticle | null> {
    const topic = await this.deps.questions.topicOf(coach.tenantId, input.ticketId, coach.userId);
    if (!topic) return null;
    const title = input.title.replace(/\s+/g, ' ').trim();
    const steps = stepLines(input.steps);
    if (title.length < DRAFT_TITLE.min || title.length > DRAFT_TITLE.max) throw invalid();
    if (!steps.length || steps.length > DRAFT_STEPS.max || steps.some((s) => s.length > DRAFT_STEPS.lineMax))
      throw invalid();
    const now = this.deps.clock.now().toISOString();
    const draft: TenantArticle = {
      id: draftId(coach.tenantId, input.ticketId),
      domain: topic,
      // Coaches write in Dutch; the English text starts as a copy for the programme team to translate.
      title: { nl: title, en: title },
      steps: { nl: steps, en: steps },
      tags: [],
      state: 'draft',
      origin: 'coach',
      createdAt: now,
      updatedAt: now,
    };
    if (await this.deps.store.create(coach.tenantId, draft)) return draft;
    // Sent before: the draft stays as the first send wrote it (or as the programme team changed it since).
    return (await this.deps.store.get(coach.tenantId, draft.id))?.value ?? draft;
  }

  async overview(caller: Caller): Promise<KnowledgeOverview> {
    await requireAdmin(this.deps.directory, caller);
    const [own, figures, shared] = await Promise.all([
      this.deps.store.all(caller.tenantId),
      this.deps.stats.figures(caller.tenantId),
      this.deps.knowledge.search(caller.tenantId, '', Number.MAX_SAFE_INTEGER),
    ]);
    const newest = (a: TenantArticle, b: TenantArticle) => b.updatedAt.localeCompare(a.updatedAt);
    const titles = new Map<string, FeedbackRow['title']>(shared.map((a) => [a.id, a.title]));
    const sources = new Map(shared.map((a) => [a.id, a.source]));
    const ids = new Set([...Object.keys(figures.helped), ...Object.keys(figures.notHelped)]);
    const feedback = [...ids]
      .filter((id) => titles.has(id))
      .map((id) => ({
        articleId: id,
        title: titles.get(id)!,
        source: sources.get(id) ?? 'shared',
        helped: figures.helped[id] ?? 0,
        notHelped: figures.notHelped[id] ?? 0,
      }))
      .sort((a, b) => b.helped + b.notHelped - (a.helped + a.notHelped) || a.articleId.localeCompare(b.articleId));
    return {
      drafts: own.filter((a) => a.state === 'draft').sort(newest),
      own: own.filter((a) => a.state !== 'draft').sort(newest),
      feedback,
      gaps: visibleGaps(figures.gaps),
      gapMinCount: GAP_MIN_COUNT,
      totals: { suggested: figures.suggested, noMatch: figures.noMatch, escalated: figures.escalated },
    };
  }

  /** The programme team's edit of a draft or an own article; it keeps its state. */
  async edit(caller: Caller, id: string, edit: ArticleEdit): Promise<TenantArticle> {
    await requireAdmin(this.deps.directory, caller);
    return this.change(caller, id, (a) => ({ ...a, ...this.checked(id, edit) }));
  }

  async publish(caller: Caller, id: string): Promise<TenantArticle> {
    await requireAdmin(this.deps.directory, caller);
    const published = await this.change(caller, id, (a) => ({ ...a, state: 'published' }));
    this.deps.knowledge.invalidate(caller.tenantId);
    await this.audited(caller, 'knowledge.published', id);
    return published;
  }

  /** Rejected (or withdrawn once published): kept for the list, never searched. */
  async reject(caller: Caller, id: string): Promise<TenantArticle> {
    await requireAdmin(this.deps.directory, caller);
    const rejected = await this.change(caller, id, (a) => ({ ...a, state: 'rejected' }));
    this.deps.knowledge.invalidate(caller.tenantId);
    await this.audited(caller, 'knowledge.rejected', id);
    return rejected;
  }

  private checked(id: string, edit: ArticleEdit): Pick<TenantArticle, 'domain' | 'title' | 'steps' | 'tags'> {
    let parsed;
    try {
      [parsed] = parseArticles([{ id, ...edit }], 'tenant', this.deps.domains());
    } catch {
      throw invalid();
    }
    const lines = [...parsed.steps.nl, ...parsed.steps.en];
    if (
      [parsed.title.nl, parsed.title.en].some((t) => t.length > DRAFT_TITLE.max) ||
      lines.some((s) => s.length > DRAFT_STEPS.lineMax) ||
      parsed.tags.length > 20 ||
      parsed.tags.some((t) => t.length > 40)
    )
      throw invalid();
    return { domain: parsed.domain, title: parsed.title, steps: parsed.steps, tags: parsed.tags };
  }

  private async change(
    caller: Caller,
    id: string,
    update: (a: TenantArticle) => TenantArticle,
  ): Promise<TenantArticle> {
    const current = await this.deps.store.get(caller.tenantId, id);
    if (!current) throw notFound();
    const next = { ...update(current.value), updatedAt: this.deps.clock.now().toISOString() };
    try {
      await this.deps.store.replace(caller.tenantId, next, current.etag);
    } catch (err) {
      if (isConflict(err)) throw new AppError('conflict', 409, 'error.conflict');
      throw err;
    }
    return next;
  }

  private audited(caller: Caller, action: 'knowledge.published' | 'knowledge.rejected', id: string) {
    return this.deps.audit.record({
      tenantId: caller.tenantId,
      actorId: caller.userId,
      action,
      changes: [{ field: 'article', to: id }],
      at: this.deps.clock.now().toISOString(),
    });
  }
}
