import type restify from 'restify';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import { toLocale } from '../domain/org';
import type { ImportReport, LearningAdmin } from '../domain/learning/learning-admin';
import { statementsSchema } from '../domain/learning/xapi';
import { t } from '../i18n';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { route } from './errors';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** Request and response shapes of the learning-records API, shared with the tab. */
export type { ImportReport };
export interface CompletionImportBody {
  csv: string;
  dryRun: boolean;
}
export interface CredentialStatus {
  exists: boolean;
  createdAt: string | null;
  username: string;
}
export interface NewCredential {
  username: string;
  secret: string;
  createdAt: string;
}

const importSchema = z.strictObject({ csv: z.string().min(1).max(250_000), dryRun: z.boolean() });

/** Basic credentials from the Authorization header; null when absent or not Basic. */
function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  return at > 0 ? { username: decoded.slice(0, at), password: decoded.slice(at + 1) } : null;
}

/** The admin's completions import and statement credential, and the learning platform's statements endpoint. */
export function registerLearningRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; learning: LearningAdmin; log: Logger },
): void {
  const { auth, learning, log } = deps;

  serve(server, API.importCompletions, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const body = importSchema.safeParse(objectBody(req));
    if (!body.success) throw new AppError('invalid_request', 400, 'error.invalidRequest');
    const report = await learning.importCompletions(caller, body.data.csv, body.data.dryRun);
    if (!report.dryRun)
      log.info(
        { requestId: req.id(), tenantId: caller.tenantId, action: 'completions.imported' },
        'completions imported',
      );
    sendPrivate(res, 200, report satisfies ImportReport);
  });

  serve(server, API.xapiCredential, log, async (req, res) => {
    sendPrivate(res, 200, (await learning.credentialStatus(await callerOf(auth, req))) satisfies CredentialStatus);
  });

  // Creates or replaces the credential; the secret is in this answer only.
  serve(server, API.newXapiCredential, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const created = await learning.rotateCredential(caller);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'xapi.credential' }, 'statement credential set');
    sendPrivate(res, 201, created satisfies NewCredential);
  });

  /**
   * xAPI-style "completed" statements from a learning platform: HTTP Basic with the tenant id
   * and the secret. Bad credentials 401; malformed JSON (the body reader) or statements 400 with
   * the problems per statement; nothing changes unless every statement is right.
   */
  server.post(
    '/api/xapi/statements',
    route(log, async (req, res) => {
      const credentials = basicCredentials(req.header('authorization'));
      if (!credentials) {
        res.setHeader('www-authenticate', 'Basic realm="digivaardig-xapi"');
        throw new AppError('unauthorized', 401, 'xapi.error.credential');
      }
      const tenantId = await learning.authenticate(credentials.username, credentials.password);
      const parsed = statementsSchema.safeParse(req.body);
      const locale = toLocale(req.header('accept-language'));
      if (!parsed.success) {
        const problems = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), problem: i.code }));
        res.send(400, { error: 'invalid_statements', message: t(locale, 'xapi.error.statements'), problems });
        return;
      }
      const outcome = await learning.statements(tenantId, parsed.data);
      if ('problems' in outcome) {
        res.send(400, {
          error: 'invalid_statements',
          message: t(locale, 'xapi.error.statements'),
          problems: outcome.problems,
        });
        return;
      }
      log.info({ requestId: req.id(), tenantId, recorded: outcome.recorded }, 'xapi statements taken');
      res.send(200, outcome.ids);
    }),
  );
}
