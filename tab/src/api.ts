import type { Locale } from './i18n';
import type { DemoTenant } from '../../bot/dev/demo-users';

export type { GroupDashboard } from '../../bot/domain/dashboard/group-dashboard';
export type { LeadershipResult, LeadershipState } from '../../bot/domain/leadership/leadership-service';
export type { CoachNetworkRow } from '../../bot/domain/dashboard/coach-network';
export type { UnitRow } from '../../bot/domain/dashboard/dashboard-service';
export type { NudgeOutcome } from '../../bot/domain/dashboard/nudge-service';
export type { AdminCoachRow } from '../../bot/domain/help/coach-service';
export type { AdminAuditEntry } from '../../bot/domain/audit';
export { SELF_ACTOR, SYSTEM_ACTOR } from '../../bot/domain/audit';
export type { SettingsView } from '../../bot/domain/settings/settings-service';
export type { MyDataOverview } from '../../bot/domain/privacy/privacy-service';
export type { DemoTenant } from '../../bot/dev/demo-users';

export type Role = 'employee' | 'coach' | 'leader' | 'admin';

export interface Me {
  tenantId: string;
  userId: string;
  name: string;
  locale: Locale;
  roles: Role[];
  team: { id: string; name: string } | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the tab's API with the current token (Teams SSO, or a dev token from the
 * picker) and the chosen language. The token is only ever sent in the header.
 */
export class Api {
  constructor(
    private readonly token: () => Promise<string>,
    private readonly locale: Locale,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /** `headers` e.g. If-Match with the version the user saw (settings). */
  put<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('PUT', path, body, headers);
  }

  del<T>(path: string): Promise<T> {
    return this.call<T>('DELETE', path, {});
  }

  /** A file (the CSV export) as a blob, for a download link. */
  async blob(path: string): Promise<Blob> {
    const res = await fetch(path, { headers: await this.headers() });
    if (!res.ok) throw new ApiError(res.status, 'download', res.statusText);
    return res.blob();
  }

  private async headers(): Promise<Record<string, string>> {
    return {
      authorization: `Bearer ${await this.token()}`,
      'accept-language': this.locale === 'nl' ? 'nl-NL' : 'en-GB',
    };
  }

  private async call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const headers = { ...(await this.headers()), ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    if (!res.ok) throw new ApiError(res.status, json.error ?? 'error', json.message ?? res.statusText);
    return json as T;
  }
}

/** Development only: the demo people and a token for one of them. */
export const devApi = {
  /** 404 when the server is not in development mode: then the tab only works inside Teams. */
  users: async (locale: Locale) => {
    const res = await fetch(`/dev/users?lang=${locale}`);
    if (!res.ok) throw new ApiError(res.status, 'dev_users', res.statusText);
    return res.json() as Promise<{ tenants: DemoTenant[] }>;
  },
  token: async (tenantId: string, userId: string): Promise<string> => {
    const res = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, userId }),
    });
    if (!res.ok) throw new ApiError(res.status, 'dev_token', res.statusText);
    return ((await res.json()) as { token: string }).token;
  },
  /** `written: false` with `reason: 'real-scans'` when the municipality already has real scans (left as they are). */
  figures: async (tenantId: string): Promise<{ written: boolean; reason?: string; completions?: number }> => {
    const res = await fetch('/dev/demo-figures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId }),
    });
    return res.json() as Promise<{ written: boolean; reason?: string; completions?: number }>;
  },
};
