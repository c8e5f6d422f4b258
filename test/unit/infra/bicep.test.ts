import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, loadConfig } from '../../../bot/config';
import { CONTAINERS, type ContainerName, indexingPolicy } from '../../../bot/storage/containers';

/**
 * A structural check of infra/main.bicep, read as text: no Bicep compiler runs on these
 * machines. It does not check types, property names or deployability — compile with
 * `az bicep build -f infra/main.bicep` before deploying (see infra/README.md).
 */
const INFRA = path.join(__dirname, '..', '..', '..', 'infra');
const bicep = readFileSync(path.join(INFRA, 'main.bicep'), 'utf8');
const parametersFile = JSON.parse(readFileSync(path.join(INFRA, 'main.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: unknown }>;
};

/** The text without comments and with every string literal emptied (for structure, not content), scanned left to right. */
function code(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      out += "''";
      i = end < 0 ? text.length : end + 3;
    } else if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out += "''";
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += text[i++];
    }
  }
  return out;
}

/** The bracketed block that starts at the first `open` after `from`. */
function blockAfter(text: string, from: number, open: '[' | '{'): string {
  const close = open === '[' ? ']' : '}';
  const start = text.indexOf(open, from);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === open) depth++;
    if (text[i] === close && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unbalanced ${open} at ${start}`);
}

const params = [...bicep.matchAll(/^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/gm)].map((m) => ({
  name: m[1],
  type: m[2],
  hasDefault: m[3] !== undefined,
}));
const outputs = [...bicep.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((m) => m[1]);
const resources = [...bicep.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm)].map((m) => ({
  symbol: m[1],
  type: m[2],
  apiVersion: m[3],
}));
const appSettingsBlock = blockAfter(bicep, bicep.indexOf('appSettings:'), '[');
const appSettings = [...appSettingsBlock.matchAll(/name:\s*'([^']+)'\s*\n\s*value:\s*(.+)/g)].map((m) => ({
  name: m[1],
  value: m[2].trim(),
}));

/** Resource types and the API versions known to exist for them (dates checked in Microsoft's template reference). */
const API_VERSIONS: Record<string, string[]> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31', '2023-07-31-preview', '2024-11-30'],
  'Microsoft.OperationalInsights/workspaces': ['2022-10-01', '2023-09-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
  'Microsoft.Insights/diagnosticSettings': ['2021-05-01-preview'],
  'Microsoft.DocumentDB/databaseAccounts': ['2024-05-15', '2024-08-15', '2024-11-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': ['2024-05-15', '2024-08-15', '2024-11-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': ['2024-05-15', '2024-08-15', '2024-11-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': ['2024-05-15', '2024-08-15', '2024-11-15'],
  'Microsoft.Web/serverfarms': ['2023-12-01', '2024-04-01'],
  'Microsoft.Web/sites': ['2023-12-01', '2024-04-01'],
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
};

/** App settings read by the platform rather than by bot/config.ts. */
const PLATFORM_SETTINGS = new Set(['APPLICATIONINSIGHTS_CONNECTION_STRING']);

/** Example values for the Bicep expressions app settings use, to run the app's own configuration check on them. */
const SAMPLE: Record<string, string> = {
  'identity.properties.clientId': '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  'identity.properties.tenantId': '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01',
  'cosmos.properties.documentEndpoint': 'https://digivaardig-cosmos-abc123.documents.azure.com:443/',
  'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
  cosmosDatabaseName: 'digivaardig',
  allowedTenants: '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01',
  aadAppClientId: '',
  teamsAppId: '',
  publicBaseUrl: 'https://digivaardig-abc123.azurewebsites.net',
  "graphDirectory ? 'true' : 'false'": 'true',
  "graphPresence ? 'true' : 'false'": 'true',
};

describe('infra/main.bicep (a structural check; compile it with the Bicep CLI before deploying)', () => {
  it('has balanced braces, brackets and parentheses outside strings and comments', () => {
    const text = code(bicep);
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ]) {
      let depth = 0;
      for (const ch of text) {
        if (ch === open) depth++;
        if (ch === close) depth--;
        assert.ok(depth >= 0, `a ${close} without its ${open}`);
      }
      assert.equal(depth, 0, `every ${open} is closed`);
    }
  });

  it('gets every parameter without a default from main.parameters.json, which names only parameters that exist', () => {
    assert.ok(params.length > 5, 'parameters were read');
    const given = Object.keys(parametersFile.parameters);
    for (const p of params.filter((p) => !p.hasDefault))
      assert.ok(given.includes(p.name), `${p.name} has no default and is not in main.parameters.json`);
    for (const name of given)
      assert.ok(
        params.some((p) => p.name === name),
        `main.parameters.json sets ${name}, which main.bicep does not declare`,
      );
  });

  it('declares exactly the Cosmos containers and partition keys of bot/storage/containers.ts', () => {
    const block = blockAfter(bicep, bicep.indexOf('var cosmosContainers'), '[');
    const declared = Object.fromEntries(
      [...block.matchAll(/name:\s*'([^']+)'\s*\n\s*partitionKey:\s*'([^']+)'/g)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(declared, { ...CONTAINERS });
    assert.match(bicep, /for container in cosmosContainers/);
  });

  it('gives each container the indexing policy of bot/storage/containers.ts: the queried paths in, the rest out', () => {
    const block = blockAfter(bicep, bicep.indexOf('var cosmosContainers'), '[');
    for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
      const at = block.indexOf(`name: '${name}'`);
      const included = blockAfter(block, block.indexOf('includedPaths:', at), '[');
      const paths = [...included.matchAll(/path:\s*'([^']+)'/g)].map((m) => ({ path: m[1] }));
      assert.deepEqual(paths, indexingPolicy(name).includedPaths, `${name}: included paths`);
    }
    const resource = bicep.slice(bicep.indexOf('resource containers '));
    assert.match(resource, /indexingMode:\s*'consistent'/);
    assert.match(resource, /includedPaths:\s*container\.includedPaths/);
    const excluded = blockAfter(resource, resource.indexOf('excludedPaths:'), '[');
    assert.deepEqual(
      [...excluded.matchAll(/path:\s*'([^']+)'/g)].map((m) => ({ path: m[1] })),
      indexingPolicy('scans').excludedPaths,
    );
  });

  it('uses no keys: local auth off, no listKeys or connection strings, no secrets in app settings, the identity gets a data-plane role', () => {
    assert.match(bicep, /^\s*disableLocalAuth:\s*true\s*$/m);
    assert.doesNotMatch(bicep, /listKeys\(|listConnectionStrings|primaryMasterKey|@secure\(\)/);
    for (const s of appSettings) assert.doesNotMatch(s.name, /KEY$|SECRET|PASSWORD/, `${s.name} looks like a secret`);
    assert.match(bicep, /Microsoft\.DocumentDB\/databaseAccounts\/sqlRoleAssignments@/);
    assert.match(bicep, /principalId:\s*identity\.properties\.principalId/);
    assert.match(bicep, /msaAppType:\s*'UserAssignedMSI'/);
    assert.match(bicep, /capabilities:\s*isServerless/, 'serverless by default');
    assert.match(bicep, /param cosmosCapacityMode string = 'serverless'/);
  });

  it('sets only app settings bot/config.ts reads, and they pass its production check', () => {
    assert.ok(appSettings.length >= 10, 'app settings were read');
    for (const s of appSettings)
      assert.ok(
        CONFIG_KEYS.includes(s.name) || PLATFORM_SETTINGS.has(s.name),
        `${s.name} is not a setting bot/config.ts accepts`,
      );
    const env: Record<string, string> = {};
    for (const s of appSettings) {
      const literal = /^'([^'$]*)'$/.exec(s.value);
      const value = literal ? literal[1] : SAMPLE[s.value];
      assert.notEqual(value, undefined, `no example value for ${s.name} = ${s.value}; add one to SAMPLE`);
      env[s.name] = value;
    }
    const config = loadConfig(env);
    assert.equal(config.env, 'production');
    assert.equal(config.bot?.appType, 'UserAssignedMSI');
    assert.equal(config.cosmos.kind, 'azure');
    assert.equal(config.cosmos.kind === 'azure' && config.cosmos.key, undefined, 'Cosmos through the managed identity');
    assert.deepEqual(config.graph?.auth, {
      kind: 'managed-identity',
      clientId: SAMPLE['identity.properties.clientId'],
      tenantId: SAMPLE['identity.properties.tenantId'],
    });
    assert.equal(config.graph?.directory, true);
  });

  it('outputs what the environment file and the Teams package need', () => {
    for (const name of [
      'botAppId',
      'tenantId',
      'publicBaseUrl',
      'aadAppClientId',
      'teamsAppId',
      'cosmosEndpoint',
      'webAppName',
      'webAppHostName',
      'identityClientId',
      'identityPrincipalId',
      'botName',
    ]) {
      assert.ok(outputs.includes(name), `output ${name}`);
    }
  });

  it('uses API versions known to exist for each resource type', () => {
    assert.ok(resources.length >= 10, 'resources were read');
    for (const r of resources) {
      assert.ok(API_VERSIONS[r.type], `${r.symbol}: ${r.type} is not in the allow-list`);
      assert.ok(
        API_VERSIONS[r.type].includes(r.apiVersion),
        `${r.symbol}: ${r.type}@${r.apiVersion} is not a known version (${API_VERSIONS[r.type].join(', ')})`,
      );
    }
    for (const type of [
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Web/sites',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.DocumentDB/databaseAccounts',
      'Microsoft.Insights/components',
    ]) {
      assert.ok(
        resources.some((r) => r.type === type),
        `a ${type}`,
      );
    }
    assert.match(bicep, /linuxFxVersion:\s*'NODE\|20-lts'/);
    assert.match(bicep, /channelName:\s*'MsTeamsChannel'/);
  });
});
