import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { API, pathOf } from '../../bot/http/api-routes';
import { withRunningApp } from '../helpers/app';

/** Every .ts/.tsx file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const root = path.resolve(__dirname, '../..');
const TABLE = path.join(root, 'bot/http/api-routes.ts');
/** Any `:name` segment gets a value (`teamId-x`, …): the route must exist whatever the id. */
const ANY_PARAMS = new Proxy({}, { get: (_target, name) => `${String(name)}-x` }) as Record<string, string>;

describe('the tab API’s route table', () => {
  const running = withRunningApp();

  it('is what the server answers: every endpoint exists with its method (401 without a token, never 404 or 405)', async () => {
    for (const [name, endpoint] of Object.entries(API)) {
      const url = running.app.url + pathOf(endpoint, ANY_PARAMS);
      const res = await fetch(url, {
        method: endpoint.method,
        headers: endpoint.method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: endpoint.method === 'GET' ? undefined : '{}',
      });
      assert.equal(res.status, 401, `${name}: ${endpoint.method} ${endpoint.path} answered ${res.status}`);
    }
  });

  it('is the only place an /api/v1 path is written, on the server and in the tab', () => {
    const offenders = [...sources(path.join(root, 'bot')), ...sources(path.join(root, 'tab/src'))].filter(
      (file) => file !== TABLE && /['"`]\/api\/v1/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((f) => path.relative(root, f)),
      [],
      'register with serve(server, API.x, …) and call with api.call(API.x, …)',
    );
  });

  it('fills path parameters URL-encoded and adds a query', () => {
    assert.equal(pathOf(API.teamDashboard, { teamId: 'a/b c' }), '/api/v1/teams/a%2Fb%20c/dashboard');
    assert.equal(pathOf(API.people, {}, { q: 'de Vries' }), '/api/v1/admin/people?q=de+Vries');
  });
});
