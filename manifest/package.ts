/**
 * Builds the Teams app package (`npm run package`).
 *
 * Reads the same variables as the server: BOT_APP_ID (the bot's Entra app id or
 * managed identity client id), PUBLIC_BASE_URL (https://<host>, the tab's host),
 * AAD_APP_CLIENT_ID (the tab's SSO app registration) and optionally TEAMS_APP_ID
 * (gives another environment, e.g. acceptance, its own app id in the same tenant).
 *
 * Fills the ${{NAME}} placeholders in manifest.json and en-us.json, validates
 * both against the official schemas bundled in @microsoft/app-manifest
 * (offline), and zips them with the two icons.
 *
 * With `--production` (or NODE_ENV=production) every value is required and the
 * zip is manifest/build/digivaardig.zip. Otherwise missing values are filled
 * with development placeholders and the zip is manifest/build/digivaardig-dev.zip,
 * so the package can be built and validated anywhere but is never mistaken
 * for one to upload. `--out=<file>` writes the zip elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { createZip } from './zip';

export const MANIFEST_DIR = __dirname;
export const DEFAULT_OUTPUT = path.join(MANIFEST_DIR, 'build', 'digivaardig.zip');
export const DEVELOPMENT_OUTPUT = path.join(MANIFEST_DIR, 'build', 'digivaardig-dev.zip');
export const PACKAGE_FILES = ['manifest.json', 'en-us.json', 'color.png', 'outline.png'] as const;

/** The manifest's placeholders, each filled from the server's own environment variable. */
export const PLACEHOLDER_SOURCES = {
  BOT_ID: 'BOT_APP_ID',
  TAB_HOST: 'PUBLIC_BASE_URL',
  AAD_APP_CLIENT_ID: 'AAD_APP_CLIENT_ID',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDER_SOURCES;
export type PackageValues = Record<PlaceholderName, string> & { TEAMS_APP_ID?: string };

/** Stand-ins for development packages: well-formed, obviously not real. */
export const DEVELOPMENT_PLACEHOLDERS: Readonly<Record<PlaceholderName, string>> = {
  BOT_ID: '00000000-0000-4000-8000-000000000b07',
  TAB_HOST: 'digivaardig.localhost',
  AAD_APP_CLIENT_ID: '00000000-0000-4000-8000-0000000000aa',
};

export type PackageMode = 'production' | 'development';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

export class PackageConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageConfigError';
  }
}

/** The tab's host from PUBLIC_BASE_URL: it must be https on the default port, without a path (Teams loads the tab from there). */
function hostOf(baseUrl: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    problems.push(`PUBLIC_BASE_URL must be a URL such as https://digivaardig.example.org, got "${baseUrl}"`);
    return '';
  }
  if (
    url.protocol !== 'https:' ||
    url.port !== '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    !HOST_NAME.test(url.hostname)
  ) {
    problems.push(`PUBLIC_BASE_URL must be https://<host name> without port or path, got "${baseUrl}"`);
    return '';
  }
  return url.hostname.toLowerCase();
}

export interface ReadValues {
  values: PackageValues;
  /** Placeholders filled with development stand-ins (always empty in production). */
  standIns: PlaceholderName[];
}

/** Reads and checks the deployment values; lists every problem at once. */
export function readPackageValues(env: NodeJS.ProcessEnv, mode: PackageMode = 'production'): ReadValues {
  const problems: string[] = [];
  const get = (name: string): string => env[name]?.trim() ?? '';
  const missing = (Object.keys(PLACEHOLDER_SOURCES) as PlaceholderName[]).filter(
    (name) => !get(PLACEHOLDER_SOURCES[name]),
  );
  if (mode === 'production' && missing.length > 0) {
    problems.push(`missing environment variable(s): ${missing.map((name) => PLACEHOLDER_SOURCES[name]).join(', ')}`);
  }
  const meaning: Record<string, string> = {
    BOT_APP_ID: "the bot's Entra app id or managed identity client id",
    AAD_APP_CLIENT_ID: "the tab's Entra app (client) id",
    TEAMS_APP_ID: 'the Teams app id of this environment',
  };
  for (const [name, what] of Object.entries(meaning)) {
    const value = get(name);
    if (value && !GUID.test(value)) problems.push(`${name} must be a GUID (${what}), got "${value}"`);
  }
  const host = get('PUBLIC_BASE_URL') ? hostOf(get('PUBLIC_BASE_URL'), problems) : '';
  if (problems.length > 0) throw new PackageConfigError(problems);

  const standIns = mode === 'development' ? missing : [];
  const pick = (name: PlaceholderName, value: string) => (value ? value.toLowerCase() : DEVELOPMENT_PLACEHOLDERS[name]);
  const values: PackageValues = {
    BOT_ID: pick('BOT_ID', get('BOT_APP_ID')),
    TAB_HOST: pick('TAB_HOST', host),
    AAD_APP_CLIENT_ID: pick('AAD_APP_CLIENT_ID', get('AAD_APP_CLIENT_ID')),
  };
  if (get('TEAMS_APP_ID')) values.TEAMS_APP_ID = get('TEAMS_APP_ID').toLowerCase();
  return { values, standIns };
}

/** Replaces every ${{NAME}}; throws if the text uses a placeholder without a value. */
export function substitutePlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  const unknown = new Set<string>();
  const result = text.replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return match;
    }
    return value;
  });
  if (unknown.size > 0) throw new PackageConfigError([`no value for placeholder(s): ${[...unknown].join(', ')}`]);
  return result;
}

export interface RenderedPackage {
  /** The filled-in manifest.json object. */
  manifest: Record<string, unknown>;
  /** The filled-in en-us.json localization object. */
  localization: Record<string, unknown>;
  /** File name → bytes, as they go into the zip. */
  files: Map<string, Buffer>;
}

/** Fills the placeholders in the package's files (no validation, no writing). */
export function renderPackage(values: PackageValues, dir: string = MANIFEST_DIR): RenderedPackage {
  const read = (name: string): Buffer => fs.readFileSync(path.join(dir, name));
  const manifest = JSON.parse(substitutePlaceholders(read('manifest.json').toString('utf8'), values)) as Record<
    string,
    unknown
  >;
  if (values.TEAMS_APP_ID) manifest.id = values.TEAMS_APP_ID;
  const localization = JSON.parse(substitutePlaceholders(read('en-us.json').toString('utf8'), values)) as Record<
    string,
    unknown
  >;

  const files = new Map<string, Buffer>();
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  files.set('en-us.json', Buffer.from(JSON.stringify(localization, null, 2) + '\n', 'utf8'));
  files.set('color.png', read('color.png'));
  files.set('outline.png', read('outline.png'));
  return { manifest, localization, files };
}

type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type ValidatedDocument = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/**
 * The schema a document's $schema URL names, read from the copy bundled in
 * @microsoft/app-manifest (never from the network). Returns null if the
 * package does not bundle it.
 */
export function bundledSchemaPath(schemaUrl: string): string | null {
  const m =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?(json-schemas\/teams\/v[0-9.]+\/[A-Za-z.]+\.schema\.json)$/.exec(
      schemaUrl,
    );
  if (!m) return null;
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageRoot, 'build', m[1]);
  return fs.existsSync(file) ? file : null;
}

function loadBundledSchema(doc: Record<string, unknown>, what: string): Schema {
  const url = doc.$schema;
  if (typeof url !== 'string') throw new Error(`${what} has no $schema`);
  const file = bundledSchemaPath(url);
  if (!file) throw new Error(`${what}: schema ${url} is not bundled in @microsoft/app-manifest`);
  // The same clean-up the package applies to Microsoft's schema files before parsing.
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return repairPatternsForUnicode(JSON.parse(text)) as Schema;
}

/** Escapes a `]` that closes no character class, which unicode-mode regular expressions reject. */
function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

function compilesInUnicodeMode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Ajv compiles schema patterns in unicode mode. Some bundled schemas (the v1.22
 * localization schema's activities.activityTypes keys) contain a lone `]`, which
 * is legal in plain JavaScript regular expressions but not in unicode mode, so
 * Ajv cannot compile the schema at all. Escaping that `]` keeps the meaning.
 */
export function repairPatternsForUnicode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatternsForUnicode);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'patternProperties' && value && typeof value === 'object') {
      const props: Record<string, unknown> = {};
      for (const [pattern, sub] of Object.entries(value as Record<string, unknown>)) {
        const fixed = compilesInUnicodeMode(pattern) ? pattern : escapeLoneBrackets(pattern);
        props[fixed] = repairPatternsForUnicode(sub);
      }
      out[key] = props;
    } else if (key === 'pattern' && typeof value === 'string' && !compilesInUnicodeMode(value)) {
      out[key] = escapeLoneBrackets(value);
    } else {
      out[key] = repairPatternsForUnicode(value);
    }
  }
  return out;
}

/** Validates a manifest against its declared schema, offline. Returns error strings, empty if valid. */
export function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(
    manifest as unknown as ValidatedDocument,
    loadBundledSchema(manifest, 'manifest.json'),
  );
}

/** Validates a localization file against the localization schema it declares, offline. */
export function validateLocalization(localization: Record<string, unknown>): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(
    localization as unknown as ValidatedDocument,
    loadBundledSchema(localization, 'en-us.json'),
  );
}

export interface BuildResult {
  output: string;
  manifestErrors: string[];
  localizationErrors: string[];
}

/** Renders, validates and (only when valid) writes the zip. */
export async function buildPackage(
  values: PackageValues,
  output: string = DEFAULT_OUTPUT,
  dir: string = MANIFEST_DIR,
): Promise<BuildResult> {
  const rendered = renderPackage(values, dir);
  const manifestErrors = await validateManifest(rendered.manifest);
  const localizationErrors = await validateLocalization(rendered.localization);
  if (manifestErrors.length === 0 && localizationErrors.length === 0) {
    fs.mkdirSync(path.dirname(output), { recursive: true });
    const entries = PACKAGE_FILES.map((name) => ({ name, data: rendered.files.get(name)! }));
    fs.writeFileSync(output, createZip(entries));
  }
  return { output, manifestErrors, localizationErrors };
}

/** Production when asked for on the command line or by NODE_ENV; development otherwise. */
export function packageMode(argv: readonly string[], env: NodeJS.ProcessEnv): PackageMode {
  return argv.includes('--production') || env.NODE_ENV === 'production' ? 'production' : 'development';
}

async function main(): Promise<number> {
  const mode = packageMode(process.argv.slice(2), process.env);
  let read: ReadValues;
  try {
    read = readPackageValues(process.env, mode);
  } catch (error) {
    if (error instanceof PackageConfigError) {
      console.error(error.message);
      console.error(
        'Example: BOT_APP_ID=<guid> PUBLIC_BASE_URL=https://digivaardig.example.org AAD_APP_CLIENT_ID=<guid> npm run package -- --production',
      );
      return 1;
    }
    throw error;
  }
  const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
  const output = out ? path.resolve(out) : mode === 'production' ? DEFAULT_OUTPUT : DEVELOPMENT_OUTPUT;
  const result = await buildPackage(read.values, output);
  const problems = [
    ...result.manifestErrors.map((e) => `manifest.json: ${e}`),
    ...result.localizationErrors.map((e) => `en-us.json: ${e}`),
  ];
  if (problems.length > 0) {
    console.error(`Schema validation failed; no package written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log(
    `Wrote ${path.relative(process.cwd(), result.output)} (${PACKAGE_FILES.join(', ')}), valid against the v1.22 schemas`,
  );
  if (read.standIns.length > 0) {
    const names = read.standIns.map((name) => PLACEHOLDER_SOURCES[name]).join(', ');
    console.warn(
      `DEVELOPMENT PACKAGE: placeholders stand in for ${names}. Do not upload it; set them and run npm run package -- --production.`,
    );
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
