import type restify from 'restify';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import { NEWS_MAX_LENGTH, type NewsArchiveRow, type NewsService } from '../domain/news/news-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** POST /api/v1/admin/news: the text, an optional department, and the form's own id (a repeat sends once). */
export const postNewsSchema = z.strictObject({
  text: z
    .string()
    .min(1)
    .max(NEWS_MAX_LENGTH * 2),
  departmentId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,80}$/)
    .nullable()
    .optional(),
  key: z.string().uuid().optional(),
});
export type PostNewsRequest = z.input<typeof postNewsSchema>;
/** GET /api/v1/admin/news */
export interface NewsArchiveResponse {
  news: NewsArchiveRow[];
  maxLength: number;
}

/** Coach news for programme admins: the archive with delivery counts, and sending one. Access lives in the domain. */
export function registerNewsRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; news: NewsService; log: Logger },
): void {
  const { auth, news, log } = deps;

  serve(server, API.news, log, async (req, res) => {
    const body: NewsArchiveResponse = {
      news: await news.archive(await callerOf(auth, req)),
      maxLength: NEWS_MAX_LENGTH,
    };
    sendPrivate(res, 200, body);
  });

  serve(server, API.sendNews, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const input = postNewsSchema.safeParse(objectBody(req));
    if (!input.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const sent = await news.post(caller, input.data);
    log.info(
      { requestId: req.id(), tenantId: caller.tenantId, newsId: sent.newsId, action: 'news.sent' },
      'admin sent coach news',
    );
    sendPrivate(res, 202, sent);
  });
}
