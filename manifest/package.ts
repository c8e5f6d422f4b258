/**
 * Builds the Teams app package manifest/build/digivaardig.zip.
 *
 *   BOT_ID=... TAB_HOST=... AAD_APP_CLIENT_ID=... npx tsx manifest/package.ts
 *
 * Fills the ${{NAME}} placeholders in manifest.json and en-us.json, validates
 * both against the official schemas bundled in @microsoft/app-manifest
 * (offline), and zips them with the two icons. Optional: TEAMS_APP_ID to give
 * another environment (test, acceptance) its own app id in the same tenant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { createZip } from './zip';

export const MANIFEST_DIR = __dirname;
export const DEFAULT_OUTPUT = path.join(MANIFEST_DIR, 'build', 'digivaardig.zip');
export const PACKAGE_FILES = ['manifest.json', 'en-us.json', 'color.png', 'outline.png'] as const;

export const REQUIRED_VARIABLES = ['BOT_ID', 'TAB_HOST', 'AAD_APP_CLIENT_ID'] as const;
export type RequiredVariable = (typeof REQUIRED_VARIABLES)[number];
export type PackageValues = Record<RequiredVariable, string> & { TEAMS_APP_ID?: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

export class PackageConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageConfigError';
  }
}

/** Reads and checks the deployment values; lists every problem at once. */
export function readPackageValues(env: NodeJS.ProcessEnv): PackageValues {
  const problems: string[] = [];
  const missing = REQUIRED_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    problems.push(`missing environment variable(s): ${missing.join(', ')}`);
  }
  const get = (name: string): string => env[name]?.trim() ?? '';
  for (const name of ['BOT_ID', 'AAD_APP_CLIENT_ID', 'TEAMS_APP_ID']) {
    const value = get(name);
    if (value && !GUID.test(value)) problems.push(`${name} must be a GUID (the Entra app / client id), got "${value}"`);
  }
  const host = get('TAB_HOST');
  if (host && !HOST_NAME.test(host)) {
    problems.push(`TAB_HOST must be a bare host name such as digivaardig.example.org (no https://, port or path), got "${host}"`);
  }
  if (problems.length > 0) throw new PackageConfigError(problems);

  const values: PackageValues = {
    BOT_ID: get('BOT_ID').toLowerCase(),
    TAB_HOST: host.toLowerCase(),
    AAD_APP_CLIENT_ID: get('AAD_APP_CLIENT_ID').toLowerCase(),
  };
  if (get('TEAMS_APP_ID')) values.TEAMS_APP_ID = get('TEAMS_APP_ID').toLowerCase();
  return values;
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
  const manifest = JSON.parse(substitutePlaceholders(read('manifest.json').toString('utf8'), values)) as Record<string, unknown>;
  if (values.TEAMS_APP_ID) manifest.id = values.TEAMS_APP_ID;
  const localization = JSON.parse(substitutePlaceholders(read('en-us.json').toString('utf8'), values)) as Record<string, unknown>;

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
  const m = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?(json-schemas\/teams\/v[0-9.]+\/[A-Za-z.]+\.schema\.json)$/.exec(schemaUrl);
  if (!m) return null;
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageRoot, 'build', m[1]!);
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
    const ch = pattern[i]!;
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
export async function buildPackage(values: PackageValues, output: string = DEFAULT_OUTPUT, dir: string = MANIFEST_DIR): Promise<BuildResult> {
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

async function main(): Promise<number> {
  let values: PackageValues;
  try {
    values = readPackageValues(process.env);
  } catch (error) {
    if (error instanceof PackageConfigError) {
      console.error(error.message);
      console.error('Example: BOT_ID=<guid> TAB_HOST=digivaardig.example.org AAD_APP_CLIENT_ID=<guid> npx tsx manifest/package.ts');
      return 1;
    }
    throw error;
  }
  const result = await buildPackage(values);
  const problems = [
    ...result.manifestErrors.map((e) => `manifest.json: ${e}`),
    ...result.localizationErrors.map((e) => `en-us.json: ${e}`),
  ];
  if (problems.length > 0) {
    console.error(`Schema validation failed; no package written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log(`Wrote ${path.relative(process.cwd(), result.output)} (${PACKAGE_FILES.join(', ')})`);
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
