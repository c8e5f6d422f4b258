import type restify from 'restify';
import { AppError } from '../domain/errors';
import type { Directory } from '../domain/ports';
import type { Locale } from '../domain/org';
import type { PrivacyService } from '../domain/privacy/privacy-service';
import { resolveUserContext } from '../domain/user-context';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, localeOf, objectBody, sendPrivate } from './tab-request';

export interface MyDataRoutesDeps {
  auth: Authenticator;
  directory: Directory;
  privacy: PrivacyService;
  /** A job profile's name in a language (the scan content). */
  profileName(profileId: string, locale: Locale): Promise<string | null>;
  anonymityThreshold: number;
  log: Logger;
}

/**
 * "Mijn gegevens" in the tab: the caller's own data only — the user comes from the
 * verified token, no route takes a user id. The same PrivacyService as `mijn gegevens` in chat.
 */
export function registerMyDataRoutes(server: restify.Server, deps: MyDataRoutesDeps): void {
  const { auth, directory, privacy, log } = deps;
  const userOf = async (req: restify.Request) => {
    const caller = await callerOf(auth, req);
    return resolveUserContext(directory, { ...caller, localeTag: req.header('accept-language') });
  };

  serve(server, API.myData, log, async (req, res) => {
    const user = await userOf(req);
    const overview = await privacy.overview(user);
    const profileName = overview.jobProfile
      ? ((await deps.profileName(overview.jobProfile, localeOf(req))) ?? overview.jobProfile)
      : null;
    const { kind: _kind, ...rest } = overview;
    sendPrivate(res, 200, { ...rest, profileName, anonymityThreshold: deps.anonymityThreshold });
  });

  serve(server, API.myDataExport, log, async (req, res) => {
    const user = await userOf(req);
    const file = await privacy.exportFile(user);
    log.info({ requestId: req.id(), tenantId: user.tenantId, action: 'data.exported' }, 'user exported their data');
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="digivaardig-${localeOf(req) === 'nl' ? 'mijn-gegevens' : 'my-data'}-${file.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    });
    res.end(file.json);
  });

  serve(server, API.myDataDelete, log, async (req, res) => {
    const user = await userOf(req);
    // Exactly {"confirm":"yes"}: anything else (no body included) is not a confirmation, and nothing is removed.
    const body = req.body === undefined ? {} : objectBody(req);
    if (Object.keys(body).length !== 1 || body.confirm !== 'yes')
      throw new AppError('invalid_request', 400, 'privacy.confirmNeeded');
    const view = await privacy.delete(user, { confirmed: true });
    log.info({ requestId: req.id(), tenantId: user.tenantId, action: 'data.deleted' }, 'user erased their data');
    sendPrivate(res, 200, { removed: view.kind === 'deleted' ? view.removed : 0 });
  });
}
