import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';
import type { AnyEndpoint } from './api-routes';
import { route } from './errors';

/**
 * Registers one endpoint of the route table (`API`) with its own method and path, so the
 * server cannot answer on a path or method the table (and so the tab) does not know.
 */
export function serve(
  server: restify.Server,
  endpoint: AnyEndpoint,
  log: Logger,
  handler: (req: Request, res: Response) => Promise<void>,
): void {
  const handle = route(log, handler);
  if (endpoint.method === 'GET') server.get(endpoint.path, handle);
  else if (endpoint.method === 'POST') server.post(endpoint.path, handle);
  else if (endpoint.method === 'PUT') server.put(endpoint.path, handle);
  else server.del(endpoint.path, handle);
}
