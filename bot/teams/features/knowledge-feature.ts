import type { HelpService } from '../../domain/help/help-service';
import type { KnowledgeService } from '../../domain/knowledge/knowledge-service';
import type { Article } from '../../domain/knowledge/article';
import type { Locale, UserContext } from '../../domain/org';
import type { CardData } from '../../cards/verbs';
import type { SubmitHelp } from '../../domain/help/help-commands';
import { suggestionsCard } from '../../cards/knowledge/suggestions-card';
import { articleCard } from '../../cards/knowledge/article-card';
import { noticeCard } from '../../cards/notice-card';
import { notHelpedCard } from '../../cards/knowledge/not-helped-card';
import { draftCard } from '../../cards/knowledge/draft-card';
import type { KnowledgeAdmin } from '../../domain/knowledge/knowledge-admin';
import { AppError } from '../../domain/errors';
import type { Features, Reply, Turn } from '../turn';
import type { HelpCards } from './help-cards';

const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** `hulp <vraag>` / `help <question>`: a question typed right after the command word. */
export function typedQuestion(raw: string | undefined): string | null {
  const m = /^\s*(?:hulp|help)\s*[:,-]?\s+(.{3,})$/is.exec(
    (raw ?? '').replace(/<at>.*?<\/at>/gi, ' ').replace(/<[^>]+>/g, ' '),
  );
  const question = m ? text(m[1]) : '';
  return question && question.length <= 200 ? question : null;
}

/**
 * Answer first, then a person: a help question is searched in the knowledge base before it is
 * routed. Matching articles come in one card ("Misschien helpt dit al"); "Dit hielp me" closes
 * the question and counts it for the article; "Toch een digicoach" continues to the coach with
 * the question filled in. Without a fitting article the question goes on with no extra step.
 */
export function knowledgeFeature(
  knowledge: KnowledgeService,
  help: HelpService,
  cards: HelpCards,
  admin: KnowledgeAdmin,
  /** Counts a question solved by an article in the asker's groups, for the dashboards (released like every help figure). */
  solved: (user: UserContext) => Promise<void>,
): Features {
  // Not the caller's resolved question (or no such question): refused like any bad tap, nothing changes.
  const refused = () => new AppError('bad_input', 400, 'error.badInput');
  const route = async (turn: Turn, request: SubmitHelp): Promise<Reply> => ({
    card: await cards.forView(
      await help.submit(turn.user, request, turn.replyToId ?? null, turn.activityId),
      turn.user.locale,
    ),
  });
  const form = async (turn: Turn, question: string, topic?: string): Promise<Reply> => ({
    card: await cards.forView(
      { kind: 'requestForm', where: turn.user.location?.name ?? '', topic, requestKind: 'help', question },
      turn.user.locale,
    ),
  });
  const suggestions = (
    locale: Locale,
    question: string,
    articles: Article[],
    escalate: CardData<'knowledge.escalate'>,
  ) => ({
    card: suggestionsCard({ question, articles, escalate }, locale),
  });
  // A question the help flow would refuse (unknown topic, empty or too long) goes there, so it is refused as before.
  const searchable = (r: SubmitHelp) =>
    text(r.question).length > 0 && text(r.question).length <= 200 && cards.domains('nl').some((d) => d.id === r.topic);

  return {
    commands: {},
    actions: {
      'knowledge.ask': async (turn, request) => {
        if (!searchable(request)) return route(turn, request);
        const question = text(request.question);
        const found = await knowledge.suggest(turn.user.tenantId, question);
        if (!found.length) return route(turn, request);
        const where = text(request.where).slice(0, 200);
        return suggestions(turn.user.locale, question, found, {
          kind: request.kind,
          topic: request.topic,
          question,
          urgency: request.urgency,
          channel: request.channel,
          ...(where ? { where } : {}),
        });
      },
      'knowledge.helped': async (turn, { articleId }) => {
        const article = await knowledge.helped(turn.user.tenantId, articleId);
        await solved(turn.user);
        return {
          card: noticeCard(
            {
              titleKey: 'knowledge.helped.title',
              bodyKey: 'knowledge.helped.body',
              params: { title: article.title[turn.user.locale] },
            },
            turn.user.locale,
          ),
        };
      },
      'knowledge.notHelped': async (turn, { articleId, escalate }) => ({
        card: notHelpedCard(await knowledge.notHelped(turn.user.tenantId, articleId), escalate, turn.user.locale),
      }),
      // A coach's how-to from a question they resolved: the form first, then the draft for the programme team.
      'knowledge.draft': async (turn, { ticketId }) => {
        if (!(await admin.canDraft(turn.user, ticketId))) throw refused();
        return { card: draftCard(ticketId, turn.user.locale) };
      },
      'knowledge.saveDraft': async (turn, input) => {
        const draft = await admin.saveDraft(turn.user, input);
        if (!draft) throw refused();
        return {
          card: noticeCard(
            {
              titleKey: 'knowledge.draft.saved.title',
              bodyKey: 'knowledge.draft.saved.body',
              params: { title: draft.title.nl },
            },
            turn.user.locale,
          ),
        };
      },
      'knowledge.escalate': async (turn, command) => {
        // From `hulp <vraag>` there is no form yet: show it with the question (and the article's topic) filled in.
        const reply =
          'form' in command
            ? await form(turn, text(command.form.question).slice(0, 200), command.form.topic)
            : await route(turn, command.request);
        // Counted once the question went on: a refused one changed nothing.
        await knowledge.escalated(turn.user.tenantId);
        return reply;
      },
    },
    freeText: [
      async (turn) => {
        const question = typedQuestion(turn.text);
        if (!question) return null;
        const found = await knowledge.suggest(turn.user.tenantId, question);
        if (!found.length) return form(turn, question);
        return suggestions(turn.user.locale, question, found, { question, topic: found[0].domain });
      },
    ],
  };
}

/** The message extension's answer: article cards to insert, each with a short preview for the result list. */
export interface ExtensionResult {
  composeExtension: {
    type: 'result';
    attachmentLayout: 'list';
    attachments: Array<{
      contentType: string;
      content: unknown;
      preview?: { contentType: string; content: unknown };
    }>;
  };
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

/**
 * The search-based message extension: from the compose box anyone searches the knowledge base
 * and inserts an article as a card. `query` lists matches; `selectItem` answers the tap on a
 * preview with the article's card.
 */
export function knowledgeSearchExtension(knowledge: KnowledgeService) {
  const preview = (a: Article, locale: Locale) => ({
    contentType: THUMBNAIL,
    content: {
      title: a.title[locale],
      text: a.steps[locale][0].replace(/\*\*/g, ''),
      tap: { type: 'invoke', value: { articleId: a.id } },
    },
  });
  const result = (articles: Article[], locale: Locale): ExtensionResult => ({
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: articles.map((a) => ({
        contentType: ADAPTIVE,
        content: articleCard(a, locale),
        preview: preview(a, locale),
      })),
    },
  });
  return {
    async query(tenantId: string, locale: Locale, query: string): Promise<ExtensionResult> {
      return result(await knowledge.search(tenantId, query.slice(0, 200), 10), locale);
    },
    /** An unknown or stale id gives an empty result: nothing is inserted. */
    async selectItem(tenantId: string, locale: Locale, value: unknown): Promise<ExtensionResult> {
      const id = value && typeof value === 'object' ? (value as { articleId?: unknown }).articleId : undefined;
      const article = typeof id === 'string' && id.length <= 80 ? await knowledge.article(tenantId, id) : null;
      return result(article ? [article] : [], locale);
    },
  };
}

export type KnowledgeSearchExtension = ReturnType<typeof knowledgeSearchExtension>;
