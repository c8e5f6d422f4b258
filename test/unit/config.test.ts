import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';

describe('configuration', () => {
  it('starts with no settings at all: development, embedded store, demo organisation', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'development');
    assert.equal(c.port, 3978);
    assert.equal(c.cosmos.kind, 'embedded');
    assert.equal(c.seedDemo, true);
    assert.equal(c.devMode, true);
    assert.equal(c.bot, null);
    assert.equal(c.anonymityThreshold, 5);
    assert.equal(c.help.offerTimeoutSeconds, 600);
  });

  it('lists every invalid key at once, with hints', () => {
    try {
      loadConfig({ PORT: 'abc', ANONYMITY_THRESHOLD: '2', COSMOS_ENDPOINT: 'not a url', SCAN_MODE: 'quick' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const keys = err.problems.map((p) => p.split(':')[0]).sort();
      assert.deepEqual(keys, ['ANONYMITY_THRESHOLD', 'COSMOS_ENDPOINT', 'PORT', 'SCAN_MODE']);
      assert.match(err.message, /never below 3/);
    }
  });

  it('requires bot credentials, an allow-list and Azure Cosmos DB in production', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (err: ConfigError) => {
        assert.equal(err.problems.length, 3);
        assert.match(err.message, /BOT_APP_ID/);
        assert.match(err.message, /ALLOWED_TENANTS/);
        assert.match(err.message, /COSMOS_ENDPOINT/);
        return true;
      },
    );
  });

  it('needs a secret with an app id, unless the bot uses a managed identity', () => {
    assert.throws(() => loadConfig({ BOT_APP_ID: 'x' }), /BOT_APP_PASSWORD/);
    assert.throws(() => loadConfig({ BOT_APP_ID: 'x', BOT_APP_TYPE: 'UserAssignedMSI' }), /BOT_TENANT_ID/);
    const c = loadConfig({ BOT_APP_ID: 'x', BOT_APP_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't' });
    assert.equal(c.devMode, false);
  });

  it('turns dev mode off as soon as bot credentials are configured', () => {
    const c = loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'secret' });
    assert.equal(c.devMode, false);
    assert.equal(c.bot?.appId, 'id');
  });

  it('reads the allow-list as a comma-separated list and treats empty values as unset', () => {
    const c = loadConfig({ ALLOWED_TENANTS: ' a, b ,,c', PORT: '' });
    assert.deepEqual(c.allowedTenants, ['a', 'b', 'c']);
    assert.equal(c.port, 3978);
  });

  it('does not seed the demo organisation into Azure Cosmos DB unless asked', () => {
    assert.equal(loadConfig({ COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/' }).seedDemo, false);
    assert.equal(
      loadConfig({ COSMOS_ENDPOINT: 'https://x.documents.azure.com:443/', SEED_DEMO: 'true' }).seedDemo,
      true,
    );
  });

  it('has no Graph without Graph credentials: everyone counts as available', () => {
    assert.equal(loadConfig({}).graph, null);
  });

  it('turns Graph presence on with Graph credentials, unless GRAPH_PRESENCE=false', () => {
    const c = loadConfig({ GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 'secret' });
    assert.deepEqual(c.graph, {
      auth: { kind: 'secret', clientId: 'app', clientSecret: 'secret' },
      presence: true,
      directory: false,
      directoryTtlSeconds: 3600,
      baseUrl: undefined,
    });
    assert.equal(
      loadConfig({ GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 'secret', GRAPH_PRESENCE: 'false' }).graph?.presence,
      false,
    );
    assert.equal(
      loadConfig({ GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 'secret', GRAPH_PRESENCE: 'true' }).graph?.presence,
      true,
    );
  });

  it('wants both Graph credentials or neither, and presence only with them', () => {
    assert.throws(
      () => loadConfig({ GRAPH_CLIENT_ID: 'app' }),
      (err: ConfigError) =>
        err.problems.length === 1 && /^GRAPH_CLIENT_SECRET: required with GRAPH_CLIENT_ID/.test(err.problems[0]),
    );
    assert.throws(
      () => loadConfig({ GRAPH_CLIENT_SECRET: 'secret' }),
      (err: ConfigError) =>
        err.problems.length === 1 && /^GRAPH_CLIENT_ID: required with GRAPH_CLIENT_SECRET/.test(err.problems[0]),
    );
    assert.throws(
      () => loadConfig({ GRAPH_PRESENCE: 'true' }),
      /GRAPH_PRESENCE: needs Graph access \(GRAPH_AUTH: none, secret .*managed-identity/,
    );
    assert.throws(() => loadConfig({ GRAPH_DIRECTORY: 'true' }), /GRAPH_DIRECTORY: needs Graph access/);
    assert.throws(() => loadConfig({ GRAPH_PRESENCE: 'maybe' }), /GRAPH_PRESENCE/);
    assert.equal(loadConfig({ GRAPH_PRESENCE: 'false' }).graph, null);
    assert.equal(loadConfig({ GRAPH_CLIENT_ID: '', GRAPH_CLIENT_SECRET: '' }).graph, null, 'empty values are unset');
  });

  it('reads Graph with the managed identity in its own tenant: AZURE_CLIENT_ID, GRAPH_TENANT_ID or BOT_TENANT_ID', () => {
    const id = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const tenant = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
    const c = loadConfig({
      GRAPH_AUTH: 'managed-identity',
      AZURE_CLIENT_ID: id,
      GRAPH_TENANT_ID: tenant,
      GRAPH_DIRECTORY: 'true',
      GRAPH_PRESENCE: 'false',
      GRAPH_DIRECTORY_TTL_SECONDS: '600',
    });
    assert.deepEqual(c.graph, {
      auth: { kind: 'managed-identity', clientId: id, tenantId: tenant },
      presence: false,
      directory: true,
      directoryTtlSeconds: 600,
      baseUrl: undefined,
    });
    const viaBot = loadConfig({
      GRAPH_AUTH: 'managed-identity',
      BOT_APP_ID: id,
      BOT_APP_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: tenant,
    });
    assert.deepEqual(viaBot.graph?.auth, { kind: 'managed-identity', clientId: undefined, tenantId: tenant });
    assert.throws(
      () => loadConfig({ GRAPH_AUTH: 'managed-identity' }),
      /GRAPH_TENANT_ID: required with GRAPH_AUTH=managed-identity/,
    );
    assert.throws(
      () => loadConfig({ GRAPH_AUTH: 'managed-identity', GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_SECRET: 's' }),
      /GRAPH_CLIENT_SECRET: only used with GRAPH_AUTH=secret/,
    );
    assert.throws(
      () => loadConfig({ GRAPH_AUTH: 'secret' }),
      (err: ConfigError) =>
        err.problems.length === 2 && err.problems.every((p) => /required with GRAPH_AUTH=secret/.test(p)),
    );
    assert.throws(() => loadConfig({ GRAPH_AUTH: 'keyless' }), /GRAPH_AUTH: .*\(none, secret/);
    assert.equal(loadConfig({ GRAPH_AUTH: 'none' }).graph, null);
  });

  it('takes a Graph base URL over https, or plain http on the loopback only (local fakes)', () => {
    const base = { GRAPH_CLIENT_ID: 'app', GRAPH_CLIENT_SECRET: 'secret' };
    assert.equal(
      loadConfig({ ...base, GRAPH_BASE_URL: 'http://127.0.0.1:8080/' }).graph?.baseUrl,
      'http://127.0.0.1:8080',
    );
    assert.equal(
      loadConfig({ ...base, GRAPH_BASE_URL: 'https://graph.microsoft.com' }).graph?.baseUrl,
      'https://graph.microsoft.com',
    );
    assert.throws(() => loadConfig({ ...base, GRAPH_BASE_URL: 'http://graph.example.org' }), /GRAPH_BASE_URL: https/);
  });

  it('never puts the Graph secret in a configuration error', () => {
    assert.throws(
      () => loadConfig({ GRAPH_CLIENT_SECRET: 'very-secret-value', PORT: 'abc' }),
      (err: ConfigError) => !err.message.includes('very-secret-value'),
    );
  });
});
