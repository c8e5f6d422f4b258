import type restify from 'restify';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { KnowledgeAdmin, KnowledgeOverview } from '../domain/knowledge/knowledge-admin';
import type { TenantArticle } from '../domain/knowledge/knowledge-ports';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, objectBody, sendPrivate } from './tab-request';

const both = <T extends z.ZodTypeAny>(v: T) => z.strictObject({ nl: v, en: v });
/** PUT /api/v1/admin/knowledge/articles/:id: the programme team's edit (the domain checks the content). */
export const articleEditSchema = z.strictObject({
  domain: z.string().max(80),
  title: both(z.string().max(200)),
  steps: both(z.array(z.string().max(400)).max(8)),
  tags: z.array(z.string().max(40)).max(20),
});
export type ArticleEditRequest = z.input<typeof articleEditSchema>;
/** GET /api/v1/admin/knowledge */
export type KnowledgeOverviewResponse = KnowledgeOverview;
/** PUT, and POST …/publish and …/reject */
export type ArticleResponse = TenantArticle;

/** The knowledge base for programme admins: coaches' drafts, review, feedback and content gaps. Access lives in the domain. */
export function registerKnowledgeRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; admin: KnowledgeAdmin; log: Logger },
): void {
  const { auth, admin, log } = deps;
  const logged = (req: restify.Request, tenantId: string, action: string) =>
    log.info({ requestId: req.id(), tenantId, action }, 'admin changed a knowledge article');

  serve(server, API.knowledge, log, async (req, res) => {
    const body: KnowledgeOverviewResponse = await admin.overview(await callerOf(auth, req));
    sendPrivate(res, 200, body);
  });

  serve(server, API.editArticle, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const id = idParam(req, 'id');
    const edit = articleEditSchema.safeParse(objectBody(req));
    if (!edit.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const body: ArticleResponse = await admin.edit(caller, id, edit.data);
    logged(req, caller.tenantId, 'knowledge.edited');
    sendPrivate(res, 200, body);
  });

  for (const [step, endpoint] of [
    ['publish', API.publishArticle],
    ['reject', API.rejectArticle],
  ] as const)
    serve(server, endpoint, log, async (req, res) => {
      const caller = await callerOf(auth, req);
      const id = idParam(req, 'id');
      const body: ArticleResponse =
        step === 'publish' ? await admin.publish(caller, id) : await admin.reject(caller, id);
      logged(req, caller.tenantId, `knowledge.${step}`);
      sendPrivate(res, 200, body);
    });
}
