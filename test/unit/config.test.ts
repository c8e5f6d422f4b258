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
    const c = loadConfig({
      BOT_APP_ID: 'x',
      BOT_APP_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: 't',
      ALLOWED_TENANTS: 't',
    });
    assert.equal(c.devMode, false);
  });

  it('turns dev mode off as soon as bot credentials are configured', () => {
    const c = loadConfig({ BOT_APP_ID: 'id', BOT_APP_PASSWORD: 'secret', ALLOWED_TENANTS: 't' });
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
      ALLOWED_TENANTS: tenant,
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

describe('configuration: what may face the network', () => {
  const BOT = { BOT_APP_ID: 'bot-app', BOT_APP_PASSWORD: 'not-a-real-secret' };
  const COSMOS = 'https://x.documents.azure.com:443/';
  const problemKeys = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      return err.problems.map((p) => p.split(':')[0]).sort();
    }
  };

  it('refuses bot credentials without an allow-list of tenants, whatever NODE_ENV says (unset included)', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
      assert.throws(
        () => loadConfig({ ...BOT, NODE_ENV, COSMOS_ENDPOINT: COSMOS }),
        (err: ConfigError) =>
          err.problems.length === 1 &&
          /^ALLOWED_TENANTS: required/.test(err.problems[0]) &&
          /tenant ids/.test(err.message),
        `NODE_ENV=${NODE_ENV}`,
      );
    }
  });

  it('with bot credentials and NODE_ENV unset: no demo organisation, no development features, one allow-list', () => {
    const c = loadConfig({ ...BOT, ALLOWED_TENANTS: 'tenant-a' });
    assert.equal(c.seedDemo, false, 'made-up colleagues are not loaded next to real ones');
    assert.equal(c.devMode, false);
    assert.deepEqual(c.allowedTenants, ['tenant-a']);
    assert.equal(c.host, '0.0.0.0', 'the Bot Framework must reach it');
  });

  it('seeds the demo organisation next to a real bot only when asked for by name', () => {
    const c = loadConfig({ ...BOT, ALLOWED_TENANTS: 'tenant-a', SEED_DEMO: 'true' });
    assert.equal(c.seedDemo, true);
    assert.equal(c.devMode, false, 'the demo data, but never the dev identities');
  });

  it('starts a development clock at DEV_CLOCK_START, and refuses it next to a real bot or a malformed moment', () => {
    assert.equal(loadConfig({}).clockStart, undefined);
    assert.equal(
      loadConfig({ DEV_CLOCK_START: '2026-11-24T10:00:00+01:00' }).clockStart?.toISOString(),
      '2026-11-24T09:00:00.000Z',
    );
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems.map((p) => p.split(':')[0]);
      }
    };
    assert.ok(refused({ DEV_CLOCK_START: 'next tuesday' }).includes('DEV_CLOCK_START'));
    const bot = { BOT_APP_ID: 'app', BOT_APP_PASSWORD: 'secret', ALLOWED_TENANTS: 't1' };
    assert.deepEqual(refused({ ...bot, DEV_CLOCK_START: '2026-11-24T09:00:00Z' }), ['DEV_CLOCK_START']);
    assert.deepEqual(refused(bot), []);
  });

  it('refuses HOST=0.0.0.0 without bot credentials: /dev/token would hand out any user on the network', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'digivaardig.example.org']) {
      assert.throws(
        () => loadConfig({ HOST }),
        (err: ConfigError) =>
          err.problems.length === 1 &&
          err.problems[0].startsWith(`HOST: ${HOST} would put the development features`) &&
          /HOST=127\.0\.0\.1/.test(err.message) &&
          /BOT_APP_ID/.test(err.message) &&
          /ALLOWED_TENANTS/.test(err.message),
        HOST,
      );
    }
  });

  it('keeps development features on every loopback spelling, and the test server as it was', () => {
    for (const HOST of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      assert.equal(loadConfig({ HOST }).devMode, true, HOST);
    }
    const test = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1' });
    assert.equal(test.devMode, true);
    assert.equal(test.seedDemo, true);
    assert.equal(test.host, '127.0.0.1');
  });

  it('never turns development features on in production, even on loopback with everything else set', () => {
    const c = loadConfig({
      ...BOT,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      ALLOWED_TENANTS: 't',
      COSMOS_ENDPOINT: COSMOS,
    });
    assert.equal(c.devMode, false);
    assert.equal(c.seedDemo, false);
  });

  it('starts safely or refuses with the variables to set, in every combination of the settings that decide exposure', () => {
    const hosts = [undefined, '127.0.0.1', 'localhost', '::1', '0.0.0.0', '10.1.2.3'];
    const loopback = (h: string) => ['127.0.0.1', 'localhost', '::1'].includes(h);
    let combinations = 0;
    for (const NODE_ENV of [undefined, 'development', 'test', 'production'])
      for (const bot of [false, true])
        for (const HOST of hosts)
          for (const ALLOWED_TENANTS of [undefined, 'tenant-a'])
            for (const SEED_DEMO of [undefined, 'true', 'false'])
              for (const COSMOS_ENDPOINT of [undefined, COSMOS]) {
                combinations++;
                const env = { NODE_ENV, HOST, ALLOWED_TENANTS, SEED_DEMO, COSMOS_ENDPOINT, ...(bot ? BOT : {}) };
                const name = JSON.stringify(env);
                // The rule, written out once more: production needs all three; otherwise a real bot needs an
                // allow-list and development (no bot) stays on loopback.
                const expected = (
                  NODE_ENV === 'production'
                    ? [
                        ...(bot ? [] : ['BOT_APP_ID']),
                        ...(ALLOWED_TENANTS ? [] : ['ALLOWED_TENANTS']),
                        ...(COSMOS_ENDPOINT ? [] : ['COSMOS_ENDPOINT']),
                      ]
                    : [
                        ...(bot && !ALLOWED_TENANTS ? ['ALLOWED_TENANTS'] : []),
                        ...(!bot && HOST && !loopback(HOST) ? ['HOST'] : []),
                      ]
                ).sort();
                assert.deepEqual(problemKeys(env), expected, name);
                if (expected.length) continue;
                const c = loadConfig(env);
                const host = HOST ?? (bot ? '0.0.0.0' : '127.0.0.1');
                assert.equal(c.devMode, !bot && NODE_ENV !== 'production' && loopback(host), name);
                if (c.devMode) assert.ok(loopback(c.host), `development features only on loopback: ${name}`);
                if (bot) assert.ok(c.allowedTenants.length > 0, `a real bot serves named tenants only: ${name}`);
                if (bot && c.seedDemo)
                  assert.equal(SEED_DEMO, 'true', `demo data next to a real bot only when asked: ${name}`);
                if (!loopback(c.host)) assert.ok(bot, `only a real bot listens beyond loopback: ${name}`);
              }
    assert.equal(combinations, 4 * 2 * 6 * 2 * 3 * 2);
  });
});
