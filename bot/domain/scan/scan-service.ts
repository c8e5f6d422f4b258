import { randomUUID } from 'node:crypto';
import { AppError, isConflict } from '../errors';
import type { UserContext } from '../org';
import type { Clock } from '../ports';
import { adviseTraining } from './advice';
import type { ModuleCatalogue } from '../catalogue/catalogue-service';
import { applyProgress, type CompletionSource } from '../learning/completion';
import type {
  AnswerQuestion,
  BeginScan,
  GoBack,
  MarkModule,
  PauseScan,
  RequestIntake,
  ReviewAnswers,
} from './scan-commands';
import { type AnswerReview, reviewPage } from './answer-review';
import { appliesTo, type ContentIndex, type Domain, type Item, type LearningModule, type Profile } from './content';
import { ScanEngine, type ScanMode } from './engine';
import type { AnswerValue } from './model';
import type {
  AggregateScope,
  ModuleState,
  PreviousResult,
  ScanAggregates,
  ScanRepository,
  ScanResult,
  ScanSession,
  Versioned,
} from './scan-types';

/** Where the scan content comes from: the current version, and older ones for sessions begun on them. */
export interface ContentSource {
  current(): ContentIndex;
  version(version: string): Promise<ContentIndex | null>;
}

export interface QuestionView {
  kind: 'question';
  session: ScanSession;
  item: Item;
  position: number;
  estimatedTotal: number;
  domain: Domain;
  index: ContentIndex;
  canGoBack: boolean;
  alreadyAnswered?: boolean;
}

export type ScanView =
  | { kind: 'intro'; profiles: Profile[]; preselected: string | null; previous: ScanResult | null }
  | QuestionView
  | { kind: 'paused' }
  | {
      kind: 'result';
      result: ScanResult;
      index: ContentIndex;
      modules: LearningModule[];
      learningPage: string | null;
      retakeFrom: Date;
      justCompleted: boolean;
    }
  | {
      kind: 'retakeLater';
      result: ScanResult;
      index: ContentIndex;
      modules: LearningModule[];
      learningPage: string | null;
      retakeFrom: Date;
    }
  | { kind: 'noResult' }
  | {
      kind: 'modules';
      result: ScanResult;
      index: ContentIndex;
      /** Each advised module's state, and for a finished one where that came from. */
      modules: Array<{ module: LearningModule; state: ModuleState | null; sources: CompletionSource[] }>;
      learningPage: string | null;
    }
  | { kind: 'review'; review: AnswerReview; index: ContentIndex }
  /** "Bekijk je antwoorden" while a new scan is open: not now, so the measurement stays clean. */
  | { kind: 'reviewDuringScan' }
  | { kind: 'intakeRecorded'; result: ScanResult; firstTime: boolean };

export interface ScanServiceDeps {
  scans: ScanRepository;
  aggregates: ScanAggregates;
  content: ContentSource;
  /** The tenant's learning offer the advice picks from. */
  catalogue: ModuleCatalogue;
  clock: Clock;
  mode: ScanMode;
  retakeDays: number;
  /** Where failures of counter updates (done after the turn) are reported. */
  onBackgroundError?: (err: unknown) => void;
}

const bad = () => new AppError('bad_input', 400, 'error.badInput');

/** A completed session's result, what it is compared with, and whether it is stored already. */
interface Completed {
  result: ScanResult;
  /** The advised modules (empty when the result was found stored). */
  modules: LearningModule[];
  previous: PreviousResult | null;
  stored: boolean;
}
const SELF_VALUES = new Set(['1', '2', '3', '4']);

/**
 * The self-scan use cases. Every answer is stored when given (read the user's session,
 * replace it with its ETag: two point operations), so a pause, a restart or a double
 * tap never loses or doubles an answer.
 */
export class ScanService {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: ScanServiceDeps) {}

  /** Resolves when the counters of earlier turns are stored (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Counters are updated after the turn: an answer never waits for, or fails on, a shared counter. */
  private count(...args: Parameters<ScanAggregates['record']>): void {
    this.later(this.deps.aggregates.record(...args));
  }

  /** Work that finishes after the turn: awaited by `idle()`, its failure reported, never the user's. */
  private later(work: Promise<unknown>): void {
    const run = work.catch((err) => this.deps.onBackgroundError?.(err));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /**
   * Stores the result of every scan completed since `since` whose result is not stored (the
   * server stopped, or the store failed, just after the completing answer), and counts it.
   * Safe next to other instances doing the same: a result is stored and counted once.
   */
  async storeMissingResults(
    since: Date,
    userOf: (tenantId: string, userId: string) => Promise<UserContext>,
  ): Promise<number> {
    let stored = 0;
    for (const { tenantId, userId, sessionId } of await this.deps.scans.completedSince(since.toISOString())) {
      // Nearly always stored: one point read to know, the rest only for the few that are not.
      if (await this.deps.scans.hasResult(tenantId, userId, sessionId)) continue;
      const [session, latest] = await Promise.all([
        this.deps.scans.getSession(tenantId, userId),
        this.deps.scans.latestResult(tenantId, userId),
      ]);
      const s = session?.value;
      if (s?.status !== 'completed' || s.sessionId !== sessionId || latest?.value.sessionId === s.sessionId) continue;
      await this.complete(await userOf(tenantId, userId), s, await this.indexFor(s), latest);
      stored++;
    }
    return stored;
  }

  /** `scan`: resume a scan in progress, else the intro (or the last result if a retake is not due). */
  async start(user: UserContext): Promise<ScanView> {
    const current = await this.deps.scans.getSession(user.tenantId, user.userId);
    if (current?.value.status === 'in-progress') return this.questionView(current.value);
    const latest = await this.latestResult(user, current?.value);
    if (latest && this.retakeFrom(latest) > this.deps.clock.now())
      return { ...(await this.resultView(latest, false)), kind: 'retakeLater' };
    const index = this.deps.content.current();
    const preselected =
      user.person?.jobProfile && index.profilesById.has(user.person.jobProfile)
        ? user.person.jobProfile
        : (latest?.profileId ?? null);
    return { kind: 'intro', profiles: index.content.profiles, preselected, previous: latest };
  }

  /** The intro's "start": a new session for the chosen job profile, or the running one. */
  async begin(user: UserContext, { profileId }: BeginScan): Promise<ScanView> {
    const index = this.deps.content.current();
    if (!index.profilesById.has(profileId)) throw bad();
    const current = await this.deps.scans.getSession(user.tenantId, user.userId);
    if (current?.value.status === 'in-progress') return this.questionView(current.value);
    const latest = await this.latestResult(user, current?.value);
    if (latest && this.retakeFrom(latest) > this.deps.clock.now())
      return { ...(await this.resultView(latest, false)), kind: 'retakeLater' };
    const now = this.deps.clock.now().toISOString();
    const sessionId = randomUUID();
    const first = new ScanEngine(index, this.deps.mode, sessionId).next(profileId, []);
    if (!first) throw bad();
    const session: ScanSession = {
      sessionId,
      tenantId: user.tenantId,
      userId: user.userId,
      contentVersion: index.version,
      profileId,
      mode: this.deps.mode,
      status: 'in-progress',
      answers: [],
      pendingItemId: first.id,
      startedAt: now,
      updatedAt: now,
      previous: latest ? await this.previousOf(latest) : null,
    };
    const saved = await this.deps.scans.putSession(session);
    this.count(user.tenantId, scopesOf(user, profileId), { type: 'scan-started' });
    return this.questionView(saved.value);
  }

  /** An answer from a question card. Idempotent; stale or forged submits change nothing. */
  async answer(user: UserContext, command: AnswerQuestion): Promise<ScanView> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryAnswer(user, command);
      } catch (err) {
        // Someone (a double tap, a Teams retry) changed the session between our read and write: read again.
        if (!isConflict(err) || attempt >= 2) throw err;
      }
    }
  }

  /** "Vorige": take back the last answer, if the card is the current question. */
  async back(user: UserContext, { sessionId, position }: GoBack): Promise<ScanView> {
    const current = await this.sessionFor(user, sessionId);
    const s = current.value;
    if (s.status !== 'in-progress' || position !== s.answers.length + 1) return this.currentView(user, current, true);
    if (s.answers.length === 0) return this.questionView(s);
    const previous = s.answers[s.answers.length - 1];
    const next: ScanSession = {
      ...s,
      answers: s.answers.slice(0, -1),
      pendingItemId: previous.itemId,
      updatedAt: this.deps.clock.now().toISOString(),
    };
    return this.questionView((await this.deps.scans.replaceSession(next, current.etag)).value);
  }

  /** "Pauze": nothing is lost; `scan` continues at this question. */
  async pause(user: UserContext, { sessionId }: PauseScan): Promise<ScanView> {
    const current = await this.sessionFor(user, sessionId);
    if (current.value.status !== 'in-progress') return this.currentView(user, current, false);
    await this.deps.scans.replaceSession(
      { ...current.value, pausedAt: this.deps.clock.now().toISOString() },
      current.etag,
    );
    return { kind: 'paused' };
  }

  /** `resultaat`: the latest result again. */
  async result(user: UserContext): Promise<ScanView> {
    const session = await this.deps.scans.getSession(user.tenantId, user.userId);
    const latest = await this.latestResult(user, session?.value);
    return latest ? this.resultView(latest, false) : { kind: 'noResult' };
  }

  /** `modules`: the advised modules with their progress. */
  async modules(user: UserContext): Promise<ScanView> {
    const session = await this.deps.scans.getSession(user.tenantId, user.userId);
    const latest = await this.latestResult(user, session?.value);
    if (!latest) return { kind: 'noResult' };
    const index = (await this.deps.content.version(latest.contentVersion)) ?? this.deps.content.current();
    const [progress, advised, learningPage] = await Promise.all([
      this.deps.scans.getModuleProgress(user.tenantId, user.userId),
      this.deps.catalogue.byIds(user.tenantId, latest.adviceModuleIds),
      this.deps.catalogue.learningPage(user.tenantId),
    ]);
    const modules = advised.map((module) => {
      const entry = progress?.value.modules[module.id];
      const sources = entry?.state === 'finished' ? (entry.sources ?? ['self' as const]) : [];
      return { module, state: entry?.state ?? null, sources };
    });
    return { kind: 'modules', result: latest, index, modules, learningPage };
  }

  /** A "sessie met een digicoach" module of the tenant's catalogue, to put in a help request. */
  async sessionModule(user: UserContext, { moduleId }: { moduleId: string }): Promise<LearningModule> {
    const [module] = await this.deps.catalogue.byIds(user.tenantId, [moduleId]);
    if (!module || module.format !== 'digicoach-session') throw bad();
    return module;
  }

  /** "Bekijk je antwoorden": the checks of the person's own latest result with the right answers, after the scan only. */
  async review(user: UserContext, { resultId, page }: ReviewAnswers): Promise<ScanView> {
    const session = await this.deps.scans.getSession(user.tenantId, user.userId);
    const latest = await this.latestResult(user, session?.value);
    // Only the owner's latest result: another id (someone else's, an older one) looks like no such result.
    if (!latest || latest.resultId !== resultId) throw bad();
    if (session?.value.status === 'in-progress') return { kind: 'reviewDuringScan' };
    const index = (await this.deps.content.version(latest.contentVersion)) ?? this.deps.content.current();
    return { kind: 'review', review: reviewPage(latest, index, page), index };
  }

  /** Marks an advised module started or finished (feeds the 75 % follow-through goal). */
  async markModule(user: UserContext, { moduleId, state }: MarkModule): Promise<ScanView> {
    const session = await this.deps.scans.getSession(user.tenantId, user.userId);
    const latest = await this.latestResult(user, session?.value);
    if (!latest || !latest.adviceModuleIds.includes(moduleId)) throw bad();
    const current = await this.deps.scans.getModuleProgress(user.tenantId, user.userId);
    const { next, count } = applyProgress(current?.value ?? null, user.tenantId, user.userId, {
      moduleId,
      state,
      source: 'self',
      at: this.deps.clock.now().toISOString(),
      advised: true,
    });
    await this.deps.scans.saveModuleProgress(next, current?.etag ?? null);
    if (count) this.count(user.tenantId, scopesOf(user, latest.profileId), { type: 'module-progress', ...count });
    return this.modules(user);
  }

  /** "Ja, graag een intake": recorded once on the latest result that offered it. */
  async requestIntake(user: UserContext, { resultId }: RequestIntake): Promise<ScanView> {
    const latest = await this.deps.scans.latestResult(user.tenantId, user.userId);
    if (!latest || latest.value.resultId !== resultId || !latest.value.intakeOffered) throw bad();
    const firstTime = !latest.value.intakeRequestedAt;
    if (firstTime) {
      await this.deps.scans.replaceResult(
        { ...latest.value, intakeRequestedAt: this.deps.clock.now().toISOString() },
        latest.etag,
      );
      this.count(user.tenantId, scopesOf(user, latest.value.profileId), { type: 'intake-requested' });
    }
    return { kind: 'intakeRecorded', result: latest.value, firstTime };
  }

  private async tryAnswer(user: UserContext, answer: AnswerQuestion): Promise<ScanView> {
    const current = await this.sessionFor(user, answer.sessionId);
    const s = current.value;
    const index = await this.indexFor(s);
    if (answer.contentVersion !== s.contentVersion) throw bad();
    const item = index.itemsById.get(answer.itemId);
    if (!item || !index.profileDomains(s.profileId).includes(item.domain) || !appliesTo(item, s.profileId)) throw bad();
    const value = parseValue(item, answer.value);
    if (value === null) throw bad();
    const given = s.answers.find((a) => a.itemId === item.id);
    if (s.status !== 'in-progress' || s.pendingItemId !== item.id) {
      // A retry of the answer just stored shows where the user is now, as the first time did.
      const isRetry = given && given.value === value && s.answers[s.answers.length - 1]?.itemId === item.id;
      if (given || s.status !== 'in-progress') return this.currentView(user, current, !isRetry);
      throw bad();
    }
    if (answer.position !== s.answers.length + 1) return this.currentView(user, current, true);

    const now = this.deps.clock.now().toISOString();
    const answers = [...s.answers, { itemId: item.id, value, at: now }];
    const { next, ...progress } = new ScanEngine(index, s.mode, s.sessionId).step(s.profileId, answers);
    const updated: ScanSession = {
      ...s,
      answers,
      pendingItemId: next?.id ?? null,
      status: next ? 'in-progress' : 'completed',
      updatedAt: now,
      pausedAt: undefined,
    };
    const saving = this.deps.scans.replaceSession(updated, current.etag);
    // The last answer: the advice needs the tenant's catalogue, read while the answer is stored.
    const catalogue = next ? undefined : this.deps.catalogue.modulesFor(s.tenantId);
    catalogue?.catch(() => undefined); // a failed read is reported where it is awaited, not as unhandled
    const saved = await saving;
    if (next) return this.questionView(saved.value, progress);
    // The completed session is stored, and with it everything the result is made of: the result
    // card is shown now and the result stored after the turn. Should that fail or the server
    // stop first, the next `scan` or `resultaat` of the person, or the sweep, stores it then.
    const completed = await this.resultOf(user, saved.value, index, undefined, catalogue);
    if (completed.stored) return this.resultView(completed.result, true);
    this.later(this.store(user, completed));
    return this.resultView(completed.result, true, completed.modules);
  }

  /** Turns a completed session into its result, stores and counts it once, and returns it. Safe to repeat. */
  private async complete(
    user: UserContext,
    s: ScanSession,
    index: ContentIndex,
    latest?: Versioned<ScanResult> | null,
  ): Promise<ScanResult> {
    const completed = await this.resultOf(user, s, index, latest);
    if (!completed.stored) await this.store(user, completed);
    return completed.result;
  }

  /**
   * The result of a completed session, built from the session alone (and the catalogue for the
   * advice). `latest` is the person's latest stored result when the caller has just read it;
   * `stored` says the result was found stored already.
   */
  private async resultOf(
    user: UserContext,
    s: ScanSession,
    index: ContentIndex,
    latest?: Versioned<ScanResult> | null,
    catalogue?: Promise<readonly LearningModule[]>,
  ): Promise<Completed> {
    let previous = s.previous;
    if (previous === undefined) {
      // A session begun before sessions carried their previous result: read it now.
      const stored = latest === undefined ? await this.deps.scans.latestResult(s.tenantId, s.userId) : latest;
      if (stored?.value.sessionId === s.sessionId)
        return { result: stored.value, modules: [], previous: null, stored: true };
      previous = stored ? await this.previousOf(stored.value) : null;
    }
    const engine = new ScanEngine(index, s.mode);
    const profile = index.profilesById.get(s.profileId)!;
    const levels = engine.levels(s.profileId, s.answers);
    const modules = await (catalogue ?? this.deps.catalogue.modulesFor(s.tenantId));
    const advice = adviseTraining(modules, levels, profile.targets, user.locale, s.profileId);
    const result: ScanResult = {
      resultId: s.sessionId,
      sessionId: s.sessionId,
      tenantId: s.tenantId,
      userId: s.userId,
      contentVersion: s.contentVersion,
      profileId: s.profileId,
      mode: s.mode,
      startedAt: s.startedAt,
      completedAt: s.updatedAt,
      itemsAsked: s.answers.length,
      levels,
      targets: profile.targets,
      previousLevels: previous?.levels ?? null,
      focusDomains: advice.focusDomains,
      adviceModuleIds: advice.modules.map((m) => m.id),
      intakeOffered: advice.intakeOffered,
      answers: s.answers,
    };
    if (previous) result.baseline = previous.baseline;
    return { result, modules: advice.modules, previous, stored: false };
  }

  /** Stores a result; only the writer that stored it counts it (two final answers at once may both get here). */
  private async store(user: UserContext, { result, previous }: Completed): Promise<void> {
    const created = await this.deps.scans.createResult(result);
    if (!created) return;
    this.count(result.tenantId, scopesOf(user, result.profileId), {
      type: 'scan-completed',
      levels: result.levels,
      targets: result.targets,
      previous: previous ? { levels: previous.levels, targets: previous.targets } : null,
      month: result.completedAt.slice(0, 7),
      itemsAsked: result.itemsAsked,
      growth: previous
        ? {
            first: previous.baseline.levels,
            replaced: previous.resultId !== previous.baseline.resultId ? previous.levels : null,
            latest: result.levels,
          }
        : null,
    });
  }

  /** What a new result is compared with: the person's latest result and their first. */
  private async previousOf(latest: ScanResult): Promise<PreviousResult> {
    return {
      resultId: latest.resultId,
      levels: latest.levels,
      targets: latest.targets,
      baseline: await this.baselineOf(latest),
    };
  }

  /**
   * The person's first result. Every result keeps every earlier scan's levels as its own
   * document, so the first one is always there; a retake stored before results carried their
   * baseline is the only case that reads the older results.
   */
  private async baselineOf(previous: ScanResult): Promise<NonNullable<ScanResult['baseline']>> {
    if (previous.baseline) return previous.baseline;
    const first = previous.previousLevels
      ? ((await this.deps.scans.results(previous.tenantId, previous.userId)).at(-1) ?? previous)
      : previous;
    return { resultId: first.resultId, completedAt: first.completedAt, levels: first.levels };
  }

  /** The latest result; repairs a completed session whose result was not written (a crash in between). */
  private async latestResult(user: UserContext, session: ScanSession | undefined): Promise<ScanResult | null> {
    const latest = await this.deps.scans.latestResult(user.tenantId, user.userId);
    if (session?.status === 'completed' && latest?.value.sessionId !== session.sessionId) {
      return this.complete(user, session, await this.indexFor(session), latest);
    }
    return latest?.value ?? null;
  }

  private async sessionFor(user: UserContext, sessionId: string): Promise<Versioned<ScanSession>> {
    const current = await this.deps.scans.getSession(user.tenantId, user.userId);
    // Another user's or an unknown session id looks exactly like "no such session": change nothing.
    if (!current || current.value.sessionId !== sessionId) throw bad();
    return current;
  }

  private async currentView(
    user: UserContext,
    current: Versioned<ScanSession>,
    alreadyAnswered: boolean,
  ): Promise<ScanView> {
    if (current.value.status === 'in-progress') return { ...(await this.questionView(current.value)), alreadyAnswered };
    const latest = await this.latestResult(user, current.value);
    return latest ? this.resultView(latest, false) : { kind: 'noResult' };
  }

  /** `progress`: the session's "question n of ~total" when the caller has just worked it out. */
  private async questionView(
    s: ScanSession,
    progress?: { position: number; estimatedTotal: number },
  ): Promise<QuestionView> {
    const index = await this.indexFor(s);
    const item = index.itemsById.get(s.pendingItemId ?? '');
    if (!item) throw new Error(`session ${s.sessionId} has no valid pending item`);
    progress ??= new ScanEngine(index, s.mode, s.sessionId).progress(s.profileId, s.answers);
    return {
      kind: 'question',
      session: s,
      item,
      ...progress,
      domain: index.domainsById.get(item.domain)!,
      index,
      canGoBack: s.answers.length > 0,
    };
  }

  /** `advised`: the result's modules when the caller has them (the scan was just completed). */
  private async resultView(result: ScanResult, justCompleted: boolean, advised: LearningModule[] | null = null) {
    const index = (await this.deps.content.version(result.contentVersion)) ?? this.deps.content.current();
    const [modules, learningPage] = await Promise.all([
      advised ?? this.deps.catalogue.byIds(result.tenantId, result.adviceModuleIds),
      this.deps.catalogue.learningPage(result.tenantId),
    ]);
    return {
      kind: 'result' as const,
      result,
      index,
      modules,
      learningPage,
      retakeFrom: this.retakeFrom(result),
      justCompleted,
    };
  }

  private async indexFor(s: ScanSession): Promise<ContentIndex> {
    const index = await this.deps.content.version(s.contentVersion);
    if (!index) throw new Error(`content version ${s.contentVersion} is missing`);
    return index;
  }

  private retakeFrom(result: ScanResult): Date {
    return new Date(new Date(result.completedAt).getTime() + this.deps.retakeDays * 86400_000);
  }
}

/** Parses a card value for an item; null when it is not one of the item's answers. */
export function parseValue(item: Item, v: string): AnswerValue | null {
  if (v === 'unknown') return 'unknown';
  if (item.type === 'self') return SELF_VALUES.has(v) ? (Number(v) as 1 | 2 | 3 | 4) : null;
  if (item.type === 'knowledge') return v === 'true' ? true : v === 'false' ? false : null;
  return item.options?.some((o) => o.id === v) ? v : null;
}

export function scopesOf(user: UserContext, profileId: string): AggregateScope[] {
  const scopes: AggregateScope[] = [
    { kind: 'tenant', id: user.tenantId },
    { kind: 'profile', id: profileId },
  ];
  if (user.department) scopes.push({ kind: 'department', id: user.department.id });
  if (user.location) scopes.push({ kind: 'location', id: user.location.id });
  if (user.team) scopes.push({ kind: 'team', id: user.team.id });
  return scopes;
}
