import { z } from 'zod';

/**
 * All settings, validated once at start-up. Only the composition root passes
 * `process.env` in; everything else receives the typed `Config`.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** An https URL, or http on the loopback interface only (local fakes in tests). */
const serviceUrl = z.url().refine((v) => {
  const u = new URL(v);
  return (
    u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
  );
}, 'https (plain http only on 127.0.0.1 or localhost)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024)
    .default(256 * 1024),

  BOT_APP_ID: z.string().optional(),
  BOT_APP_PASSWORD: z.string().optional(),
  BOT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  BOT_TENANT_ID: z.string().optional(),

  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: z.string().optional(),
  COSMOS_DATABASE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/)
    .default('digivaardig'),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_COSMOS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SEED_DEMO: bool.optional(),
  DEV_CLOCK_START: z.iso.datetime({ offset: true }).optional(),

  ALLOWED_TENANTS: csv.default([]),
  AAD_APP_CLIENT_ID: z.string().optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  TEAMS_APP_ID: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}$/, 'a GUID')
    .optional(),

  SCAN_MODE: z.enum(['adaptive', 'full']).default('adaptive'),
  SCAN_RETAKE_DAYS: z.coerce.number().int().min(0).max(3650).default(182),
  ANONYMITY_THRESHOLD: z.coerce.number().int().min(3, 'never below 3').max(100).default(5),
  HELP_OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86400).default(600),
  HELP_MAX_OFFERS: z.coerce.number().int().min(1).max(20).default(3),
  HELP_ROUTE_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  CAMPAIGN_RATE_PER_SECOND: z.coerce.number().int().min(1).max(50).default(30),
  CAMPAIGN_AUTOSTART: bool.optional(),

  GRAPH_AUTH: z.enum(['none', 'secret', 'managed-identity']).optional(),
  GRAPH_CLIENT_ID: z.string().optional(),
  GRAPH_CLIENT_SECRET: z.string().optional(),
  AZURE_CLIENT_ID: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}$/, 'a GUID')
    .optional(),
  GRAPH_TENANT_ID: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}$/, 'a GUID')
    .optional(),
  GRAPH_PRESENCE: bool.optional(),
  GRAPH_DIRECTORY: bool.optional(),
  GRAPH_DIRECTORY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86400)
    .default(3600),
  GRAPH_BASE_URL: serviceUrl.optional(),
  BOT_OPENID_METADATA_URL: serviceUrl.optional(),
});

/** Every environment variable the app reads (infra checks its app settings against this list). */
export const CONFIG_KEYS: readonly string[] = Object.keys(envSchema.shape);

const HINTS: Record<string, string> = {
  PORT: 'a TCP port, e.g. 3978',
  COSMOS_ENDPOINT: 'the account URL, e.g. https://myaccount.documents.azure.com:443/',
  ALLOWED_TENANTS: 'comma-separated Entra tenant ids that may use the app',
  BOT_APP_PASSWORD: 'the client secret of the bot registration (or set BOT_APP_TYPE=UserAssignedMSI)',
  BOT_TENANT_ID: 'the Entra tenant id of the bot registration',
  ANONYMITY_THRESHOLD: 'smallest group shown in aggregates; 3 or more',
  CAMPAIGN_AUTOSTART:
    'true to send the monthly reminder round by itself (default: true with bot credentials, false in development)',
  GRAPH_CLIENT_SECRET:
    'the client secret of the Entra app with the application permissions Presence.Read.All and/or User.Read.All',
  GRAPH_CLIENT_ID:
    'the client id of the Entra app with the application permissions Presence.Read.All and/or User.Read.All',
  GRAPH_AUTH:
    'none, secret (GRAPH_CLIENT_ID + GRAPH_CLIENT_SECRET) or managed-identity (AZURE_CLIENT_ID of the user-assigned identity)',
  GRAPH_TENANT_ID: 'the Entra tenant of the managed identity: it can only read Graph in its own tenant',
  AZURE_CLIENT_ID: 'the client id of the user-assigned managed identity',
  HOST: 'the address to listen on; 127.0.0.1 for development',
  SEED_DEMO: 'true loads the made-up demo organisation',
};

/** Addresses only this machine can reach: development features are served on these alone. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: string;
  maxBodyBytes: number;
  version: string;
  /** Bot credentials; null means development: unauthenticated activities, dev endpoints on. */
  bot: {
    appId: string;
    password?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** Where the Bot Framework's signing keys are described; unset: the Bot Framework's own (tests point it at a local server). */
    openIdMetadataUrl?: string;
  } | null;
  cosmos:
    | { kind: 'azure'; endpoint: string; key?: string; database: string }
    | { kind: 'embedded'; dataDir: string; port: number; database: string };
  seedDemo: boolean;
  /** Empty means every tenant is served (development only). */
  allowedTenants: string[];
  aadAppClientId?: string;
  /** Where users' browsers reach this server (links in cards); defaults to the listening address. */
  publicBaseUrl?: string;
  /** The Teams app id (manifest "id"), for deep links into the app's tabs. */
  teamsAppId?: string;
  scan: { mode: 'adaptive' | 'full'; retakeDays: number };
  anonymityThreshold: number;
  /** `routeGraceSeconds`: how long a new ticket waits for its own instance to route it before any instance's sweep does. */
  help: { offerTimeoutSeconds: number; maxOffers: number; routeGraceSeconds: number };
  /**
   * Reminder campaigns: sends per second per tenant over every instance (Teams allows about
   * 30–50); whether rounds start by themselves on their planned day (off in development).
   */
  campaigns: { ratePerSecond: number; autoStart: boolean };
  /**
   * App-only Microsoft Graph; null means no Graph: everyone counts as available and the
   * stored directory is all there is.
   */
  graph: GraphConfig | null;
  /**
   * Development features (dev tokens, the playground and its connector stand-in, demo
   * figures, `/dev/*`): only without bot credentials, outside production, on a loopback
   * address. Any other combination that would expose them is refused at start-up.
   */
  devMode: boolean;
  /**
   * Development only: the app's clock starts at this moment and runs on from there, so a
   * demo or a benchmark can be on a Tuesday morning (coaches at work) whatever the hour.
   */
  clockStart?: Date;
}

export interface GraphConfig {
  /** Client credentials of an Entra app (any consenting tenant), or the managed identity (its own tenant only). */
  auth:
    | { kind: 'secret'; clientId: string; clientSecret: string }
    | { kind: 'managed-identity'; clientId?: string; tenantId: string };
  /** Route help past coaches who are busy, away or offline in Teams (Presence.Read.All). */
  presence: boolean;
  /** Refresh the stored directory from Graph profiles, managers and direct reports (User.Read.All). */
  directory: boolean;
  /** How long a profile or a manager's direct reports read from Graph count as fresh. */
  directoryTtlSeconds: number;
  /** Graph's origin (default https://graph.microsoft.com); tests point it at a local fake. */
  baseUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment into a Config or throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, version = '0.0.0'): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankless);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '?');
      problems.push(`${key}: ${issue.message}${HINTS[key] ? ` (${HINTS[key]})` : ''}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const hasBot = Boolean(e.BOT_APP_ID);
  if (hasBot && e.BOT_APP_TYPE !== 'UserAssignedMSI' && !e.BOT_APP_PASSWORD) {
    problems.push(`BOT_APP_PASSWORD: required with BOT_APP_ID (${HINTS.BOT_APP_PASSWORD})`);
  }
  if (hasBot && e.BOT_APP_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID) {
    problems.push(`BOT_TENANT_ID: required for BOT_APP_TYPE=${e.BOT_APP_TYPE} (${HINTS.BOT_TENANT_ID})`);
  }
  // Graph: GRAPH_AUTH names the credential; without it, client id and secret imply 'secret' (as before).
  const graphAuth = e.GRAPH_AUTH ?? (e.GRAPH_CLIENT_ID || e.GRAPH_CLIENT_SECRET ? 'secret' : 'none');
  const graphTenant = e.GRAPH_TENANT_ID ?? e.BOT_TENANT_ID;
  if (graphAuth === 'secret') {
    if (!e.GRAPH_CLIENT_SECRET)
      problems.push(
        `GRAPH_CLIENT_SECRET: required with ${e.GRAPH_CLIENT_ID ? 'GRAPH_CLIENT_ID' : 'GRAPH_AUTH=secret'} (${HINTS.GRAPH_CLIENT_SECRET})`,
      );
    if (!e.GRAPH_CLIENT_ID)
      problems.push(
        `GRAPH_CLIENT_ID: required with ${e.GRAPH_CLIENT_SECRET ? 'GRAPH_CLIENT_SECRET' : 'GRAPH_AUTH=secret'} (${HINTS.GRAPH_CLIENT_ID})`,
      );
  } else if (e.GRAPH_CLIENT_SECRET) {
    problems.push(`GRAPH_CLIENT_SECRET: only used with GRAPH_AUTH=secret (GRAPH_AUTH is ${graphAuth})`);
  }
  if (graphAuth === 'managed-identity' && !graphTenant)
    problems.push(
      `GRAPH_TENANT_ID: required with GRAPH_AUTH=managed-identity unless BOT_TENANT_ID is set (${HINTS.GRAPH_TENANT_ID})`,
    );
  if (graphAuth === 'none') {
    if (e.GRAPH_PRESENCE) problems.push(`GRAPH_PRESENCE: needs Graph access (GRAPH_AUTH: ${HINTS.GRAPH_AUTH})`);
    if (e.GRAPH_DIRECTORY) problems.push(`GRAPH_DIRECTORY: needs Graph access (GRAPH_AUTH: ${HINTS.GRAPH_AUTH})`);
  }
  problems.push(...exposureProblems(e, hasBot));
  if (problems.length) throw new ConfigError(problems);
  const host = e.HOST ?? (hasBot ? '0.0.0.0' : '127.0.0.1');

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    // Development listens on loopback only (dev identities must not be reachable from the network).
    host,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    version,
    bot: hasBot
      ? {
          appId: e.BOT_APP_ID!,
          password: e.BOT_APP_PASSWORD,
          appType: e.BOT_APP_TYPE,
          tenantId: e.BOT_TENANT_ID,
          openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
        }
      : null,
    cosmos: e.COSMOS_ENDPOINT
      ? { kind: 'azure', endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE }
      : { kind: 'embedded', dataDir: e.DATA_DIR, port: e.EMBEDDED_COSMOS_PORT, database: e.COSMOS_DATABASE },
    // A real bot serves real colleagues: the made-up demo organisation only when asked for by name.
    seedDemo: e.SEED_DEMO ?? (!e.COSMOS_ENDPOINT && !hasBot),
    allowedTenants: e.ALLOWED_TENANTS,
    aadAppClientId: e.AAD_APP_CLIENT_ID,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    scan: { mode: e.SCAN_MODE, retakeDays: e.SCAN_RETAKE_DAYS },
    anonymityThreshold: e.ANONYMITY_THRESHOLD,
    help: {
      offerTimeoutSeconds: e.HELP_OFFER_TIMEOUT_SECONDS,
      maxOffers: e.HELP_MAX_OFFERS,
      routeGraceSeconds: e.HELP_ROUTE_GRACE_SECONDS,
    },
    campaigns: { ratePerSecond: e.CAMPAIGN_RATE_PER_SECOND, autoStart: e.CAMPAIGN_AUTOSTART ?? hasBot },
    graph:
      graphAuth === 'none'
        ? null
        : {
            auth:
              graphAuth === 'secret'
                ? { kind: 'secret', clientId: e.GRAPH_CLIENT_ID!, clientSecret: e.GRAPH_CLIENT_SECRET! }
                : { kind: 'managed-identity', clientId: e.AZURE_CLIENT_ID, tenantId: graphTenant! },
            presence: e.GRAPH_PRESENCE ?? true,
            directory: e.GRAPH_DIRECTORY ?? false,
            directoryTtlSeconds: e.GRAPH_DIRECTORY_TTL_SECONDS,
            baseUrl: e.GRAPH_BASE_URL?.replace(/\/$/, ''),
          },
    devMode: !hasBot && e.NODE_ENV !== 'production' && isLoopbackHost(host),
    clockStart: e.DEV_CLOCK_START ? new Date(e.DEV_CLOCK_START) : undefined,
  };
}

type Env = z.infer<typeof envSchema>;

/**
 * What would put the app on the network unsafely. Not one variable decides: bot credentials
 * mean real Teams traffic (so an allow-list of tenants is required, whatever NODE_ENV says),
 * and without them the development features are on, so the server must stay on loopback.
 */
function exposureProblems(e: Env, hasBot: boolean): string[] {
  const problems: string[] = [];
  const noAllowList = e.ALLOWED_TENANTS.length === 0;
  if (e.DEV_CLOCK_START && (hasBot || e.NODE_ENV === 'production'))
    problems.push('DEV_CLOCK_START: development only; a real bot runs on the real time');
  if (e.NODE_ENV === 'production') {
    if (!hasBot) problems.push('BOT_APP_ID: required in production (bot credentials)');
    if (noAllowList) problems.push(`ALLOWED_TENANTS: required in production (${HINTS.ALLOWED_TENANTS})`);
    if (!e.COSMOS_ENDPOINT) problems.push(`COSMOS_ENDPOINT: required in production (${HINTS.COSMOS_ENDPOINT})`);
    return problems;
  }
  if (hasBot && noAllowList)
    problems.push(
      `ALLOWED_TENANTS: required with bot credentials (BOT_APP_ID), or any Teams tenant could use the app (${HINTS.ALLOWED_TENANTS})`,
    );
  if (!hasBot && e.HOST !== undefined && !isLoopbackHost(e.HOST))
    problems.push(
      `HOST: ${e.HOST} would put the development features (dev tokens for any user, the playground, demo data) on the network; ` +
        'use HOST=127.0.0.1, or configure bot credentials (BOT_APP_ID, BOT_APP_PASSWORD) and ALLOWED_TENANTS to serve Teams',
    );
  return problems;
}
