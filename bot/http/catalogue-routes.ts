import type restify from 'restify';
import { z } from 'zod';
import { MODULE_FIELDS } from '../domain/catalogue/catalogue-rows';
import type { CatalogueService } from '../domain/catalogue/catalogue-service';
import type { ImportRequest, ModuleRow } from '../domain/catalogue/catalogue-types';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, idParam, objectBody, sendPrivate } from './tab-request';

/** The import route, which takes a whole file: the body reader allows it more room. */
export const CATALOGUE_UPLOAD_PATH = API.importCatalogue.path;
/** A 5,000-row CSV with long descriptions fits. */
export const CATALOGUE_UPLOAD_BYTES = 4 * 1024 * 1024;

const invalid = () => new AppError('invalid_request', 400, 'error.invalidRequest');
const quoted = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);
const ifMatchOf = (req: restify.Request) => {
  const v = req.header('if-match');
  return v && v !== '*' ? v : undefined;
};

const importSchema = z.strictObject({
  kind: z.enum(['csv', 'json']),
  text: z.string().max(CATALOGUE_UPLOAD_BYTES),
  retireMissing: z.boolean().default(false),
});
const moduleSchema = z.strictObject(
  Object.fromEntries(MODULE_FIELDS.map((f) => [f, z.string().max(2000).optional()])) as Record<
    (typeof MODULE_FIELDS)[number],
    z.ZodOptional<z.ZodString>
  >,
);
const statusSchema = z.strictObject({ status: z.enum(['active', 'retired']) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid();
  return parsed.data;
}

/**
 * The learning catalogue: every colleague reads the tenant's active modules; programme admins
 * list, add, edit, retire and import (dry run first). Versions travel as ETag / If-Match.
 */
export function registerCatalogueRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; catalogue: CatalogueService; log: Logger },
): void {
  const { auth, catalogue, log } = deps;
  const done = (req: restify.Request, tenantId: string, action: string) =>
    log.info({ requestId: req.id(), tenantId, action }, 'admin changed the learning catalogue');

  serve(server, API.catalogue, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    sendPrivate(res, 200, await catalogue.view(caller.tenantId));
  });

  serve(server, API.adminCatalogue, log, async (req, res) => {
    const view = await catalogue.adminView(await callerOf(auth, req));
    res.setHeader('etag', quoted(view.version));
    sendPrivate(res, 200, view);
  });

  serve(server, API.importCatalogue, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const request: ImportRequest = parse(importSchema, objectBody(req));
    const dryRun = new URL(req.url ?? '/', 'http://local').searchParams.get('dryRun') === 'true';
    const report = dryRun
      ? await catalogue.dryRun(caller, request)
      : await catalogue.import(caller, request, ifMatchOf(req));
    if (report.applied) done(req, caller.tenantId, 'catalogue.imported');
    sendPrivate(res, 200, report);
  });

  serve(server, API.addModule, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const fields: ModuleRow = parse(moduleSchema, objectBody(req));
    const result = await catalogue.add(caller, fields);
    if (!result.problems.length) done(req, caller.tenantId, 'catalogue.module.added');
    sendPrivate(res, result.problems.length ? 200 : 201, result);
  });

  serve(server, API.editModule, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const fields: ModuleRow = parse(moduleSchema, objectBody(req));
    const result = await catalogue.edit(caller, idParam(req, 'moduleId'), fields, ifMatchOf(req));
    if (!result.problems.length) done(req, caller.tenantId, 'catalogue.module.updated');
    sendPrivate(res, 200, result);
  });

  serve(server, API.setModuleStatus, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    const { status } = parse(statusSchema, objectBody(req));
    const result = await catalogue.setStatus(caller, idParam(req, 'moduleId'), status, ifMatchOf(req));
    done(req, caller.tenantId, `catalogue.module.${status}`);
    sendPrivate(res, 200, result);
  });
}
