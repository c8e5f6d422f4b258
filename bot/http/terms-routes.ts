import type restify from 'restify';
import type { TermsService, TermsView } from '../domain/terms/terms-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { parseTermsChange } from './terms-change';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** An ETag as HTTP quotes it; Cosmos ETags already carry their quotes. */
const quoted = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);

/**
 * "Eigen woorden": the programme admins' names for the systems the scan mentions. Like the
 * settings, the answer carries the tenant record's version; a PUT must send it back as
 * If-Match (without it 428, outdated 412) and nothing changes otherwise.
 */
export function registerTermsRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; terms: TermsService; log: Logger },
): void {
  const { auth, terms, log } = deps;
  const send = (res: restify.Response, view: TermsView) => {
    res.setHeader('etag', quoted(view.version));
    sendPrivate(res, 200, { ...view, version: quoted(view.version) });
  };

  serve(server, API.terms, log, async (req, res) => {
    send(res, await terms.get(await callerOf(auth, req)));
  });

  serve(server, API.saveTerms, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const ifMatch = req.header('if-match') || undefined;
    const change = parseTermsChange(objectBody(req));
    const view = await terms.update(caller, change, ifMatch && ifMatch !== '*' ? ifMatch : undefined);
    log.info({ requestId: req.id(), tenantId: caller.tenantId, action: 'terms.changed' }, 'admin changed own words');
    send(res, view);
  });
}
