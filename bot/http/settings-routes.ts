import type restify from 'restify';
import type { SettingsService, SettingsView } from '../domain/settings/settings-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { parseSettingsChange } from './settings-change';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, objectBody, sendPrivate } from './tab-request';

/** An ETag as HTTP quotes it; Cosmos ETags already carry their quotes. */
const quoted = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);

/**
 * The programme admins' tenant settings. The answer carries the version as an ETag
 * header (and in the body); a PUT must send it back as If-Match: without it 428, with
 * an outdated one 412, and nothing changes.
 */
export function registerSettingsRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; settings: SettingsService; log: Logger },
): void {
  const { auth, settings, log } = deps;
  const send = (res: restify.Response, view: SettingsView) => {
    res.setHeader('etag', quoted(view.version));
    sendPrivate(res, 200, { ...view, version: quoted(view.version) });
  };

  serve(server, API.settings, log, async (req, res) => {
    send(res, await settings.get(await callerOf(auth, req)));
  });

  serve(server, API.saveSettings, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const ifMatch = req.header('if-match') || undefined;
    const change = parseSettingsChange(objectBody(req));
    const view = await settings.update(caller, change, ifMatch && ifMatch !== '*' ? ifMatch : undefined);
    log.info(
      { requestId: req.id(), tenantId: caller.tenantId, action: 'settings.changed' },
      'admin changed the settings',
    );
    send(res, view);
  });
}
