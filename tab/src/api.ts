import type { Locale } from './i18n';
import type { DemoTenant } from '../../bot/dev/demo-users';
import type { Role } from '../../bot/domain/org';
import {
  type AnyEndpoint,
  type BodyOf,
  type Endpoint,
  type MeView,
  type PathParams,
  type ResponseOf,
  pathOf,
} from '../../bot/http/api-routes';

export { API } from '../../bot/http/api-routes';
export type {
  AuditListing,
  CoachNetworkView,
  MyDataView,
  ProgrammeFigures,
  TeamFigures,
  DepartmentFigures,
  UnitsView,
} from '../../bot/http/api-routes';

type ParamsOf<E> = E extends Endpoint<unknown, unknown, infer P> ? PathParams<P> : never;

/** What a call needs besides the endpoint: path parameters, a query, a body, extra headers (If-Match). */
export type CallOptions<E> = ([ParamsOf<E>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamsOf<E>, string> }) &
  ([BodyOf<E>] extends [undefined] ? { body?: undefined } : { body: BodyOf<E> }) & {
    query?: Record<string, string>;
    headers?: Record<string, string>;
  };

export type { GroupDashboard } from '../../bot/domain/dashboard/group-dashboard';
export type { LeadershipResult, LeadershipState } from '../../bot/domain/leadership/leadership-service';
export type { CoachNetworkRow } from '../../bot/domain/dashboard/coach-network';
export type { UnitRow } from '../../bot/domain/dashboard/dashboard-service';
export type { NudgeOutcome } from '../../bot/domain/dashboard/nudge-service';
export type { AdminCoachRow } from '../../bot/domain/help/coach-service';
export type { PendingCoachRow } from '../../bot/domain/help/coach-approvals';
export type { DepartmentContacts } from '../../bot/domain/help/contact-persons';
export type { DepartmentHeadRow } from '../../bot/domain/department-heads';
export type { CoachLoadView, ContactDepartmentView } from '../../bot/domain/help/coach-overview';
export type { AdminAuditEntry } from '../../bot/domain/audit';
export { SELF_ACTOR, SYSTEM_ACTOR } from '../../bot/domain/audit';
export type { SettingsView } from '../../bot/domain/settings/settings-service';
export type { TermsView } from '../../bot/domain/terms/terms-service';
export type { MyDataOverview } from '../../bot/domain/privacy/privacy-service';
export type { DemoTenant } from '../../bot/dev/demo-users';
/** One `Role` for bot and tab: the tab shows what the server's roles allow. */
export type { Role };
export type {
  AdminCatalogueView,
  CatalogueModuleView,
  CatalogueView,
  ImportReport,
  ImportRequest,
  ModuleField,
  ModuleRow,
  RowProblem,
} from '../../bot/domain/catalogue/catalogue-types';
export type { LearningModule } from '../../bot/domain/scan/content';
export type { MyProgress, MyEvent, ModuleEntry } from '../../bot/http/my-progress-routes';
export type { PulseOverview } from '../../bot/http/pulse-routes';
export type {
  EventInputBody,
  EventsResponse,
  EventView,
  OrganisersResponse,
  ParticipantsResponse,
} from '../../bot/http/event-routes';
export type {
  CredentialStatus,
  ImportReport as CompletionImportReport,
  NewCredential,
} from '../../bot/http/learning-routes';

/** Who is signed in: the server's own type, from the route table. */
export type Me = MeView;

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

  /**
   * Calls one endpoint of the route table: the path, method, body and response types all
   * come from `API`, so the tab cannot call a route the server does not have.
   */
  call<E extends AnyEndpoint>(endpoint: E, options: CallOptions<E> = {} as CallOptions<E>): Promise<ResponseOf<E>> {
    const { params = {}, query, body, headers = {} } = options as CallOptions<AnyEndpoint>;
    const path = pathOf(endpoint, params as Record<string, string>, query);
    const sent = body ?? (endpoint.method === 'GET' ? undefined : {});
    return this.request<ResponseOf<E>>(endpoint.method, path, sent, headers);
  }

  /** A file (the CSV export, the data export) as a blob, for a download link. */
  async download(endpoint: Endpoint<Blob, unknown, string>): Promise<Blob> {
    const res = await fetch(endpoint.path, { headers: await this.headers() });
    if (!res.ok) throw new ApiError(res.status, 'download', res.statusText);
    return res.blob();
  }

  private async headers(): Promise<Record<string, string>> {
    return {
      authorization: `Bearer ${await this.token()}`,
      'accept-language': this.locale === 'nl' ? 'nl-NL' : 'en-GB',
    };
  }

  private async request<T>(method: string, path: string, body: unknown, extra: Record<string, string>): Promise<T> {
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
