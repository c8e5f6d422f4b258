import type { Role } from '../domain/org';
import type { AdminAuditEntry } from '../domain/audit';
import type { CampaignOverview, CampaignSummary } from '../domain/campaigns/campaign-service';
import type { CoachNetworkRow } from '../domain/dashboard/coach-network';
import type { DashboardService } from '../domain/dashboard/dashboard-service';
import type { GroupDashboard } from '../domain/dashboard/group-dashboard';
import type { DepartmentDashboard } from '../domain/dashboard/department-dashboard';
import type { DepartmentHeadRow } from '../domain/department-heads';
import type { NudgeOutcome } from '../domain/dashboard/nudge-service';
import type { AdminCoachRow } from '../domain/help/coach-service';
import type { LeadershipResult, LeadershipState } from '../domain/leadership/leadership-service';
import type { MyDataOverview } from '../domain/privacy/privacy-service';
import type { SettingsChange, SettingsView } from '../domain/settings/settings-service';
import type { TermsChange, TermsView } from '../domain/terms/terms-service';
import type { MyProgress } from '../domain/progress/my-progress';
import type { PulseOverview } from './pulse-routes';
import type {
  EventInputBody,
  EventsResponse,
  EventView,
  OrganisersResponse,
  ParticipantsResponse,
} from './event-routes';
import type {
  CompletionImportBody,
  CredentialStatus,
  ImportReport as CompletionImportReport,
  NewCredential,
} from './learning-routes';
import type { NewsArchiveResponse, PostNewsRequest } from './news-routes';
import type { ArticleEditRequest, ArticleResponse, KnowledgeOverviewResponse } from './knowledge-routes';
import type { CoachNews } from '../domain/news/news-types';
import type { PendingCoachRow } from '../domain/help/coach-approvals';
import type { DepartmentContacts } from '../domain/help/contact-persons';
import type { CoachLoadView, ContactDepartmentView } from '../domain/help/coach-overview';
import type {
  AdminCatalogueView,
  CatalogueView,
  ImportReport,
  ImportRequest,
  ModuleRow,
  ModuleStatus,
  RowProblem,
} from '../domain/catalogue/catalogue-types';

/**
 * The tab's API in one table: each endpoint's method, path, request body and response.
 * The server registers every `/api/v1` route from this table (`serve`), and the tab's
 * client can only call what is in it (`Api.call`), so the two cannot drift apart: a
 * renamed path or a changed response type breaks the type-check, not a user's screen.
 * Types only and plain data: the tab bundles this file.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint<Response, Body, Path extends string> {
  readonly method: Method;
  readonly path: Path;
  /** Phantom fields: they carry the types, never a value. */
  readonly response?: Response;
  readonly body?: Body;
}

/** `:name` segments of a path, e.g. `'teamId'` for `/api/v1/teams/:teamId/dashboard`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

const endpoint =
  <Response, Body = undefined>() =>
  <Path extends string>(method: Method, path: Path): Endpoint<Response, Body, Path> => ({ method, path });

/** Who is signed in, with what the tab shows them (`GET /api/v1/me`). */
export interface MeView {
  tenantId: string;
  userId: string;
  name: string;
  locale: 'nl' | 'en';
  roles: Role[];
  /** The kinds of unit the user leads (a leader's dashboards: "Mijn team", "Mijn afdeling"). */
  leads: Array<'team' | 'department'>;
  jobProfile: string | null;
  team: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  location: { id: string; name: string } | null;
}

type DomainNames = { domains: Array<{ id: string; name: string }> };
export type ProgrammeFigures = GroupDashboard & DomainNames;
export type DepartmentFigures = DepartmentDashboard & DomainNames;
export type TeamFigures = ProgrammeFigures & { nudge: { lastSentAt: string | null; nextAllowedAt: string | null } };
export type UnitsView = Awaited<ReturnType<DashboardService['units']>>;
export interface CoachNetworkView {
  threshold: number;
  target: number;
  departments: CoachNetworkRow[];
  total: CoachNetworkRow;
}
export type MyDataView = Omit<MyDataOverview, 'kind'> & { profileName: string | null; anonymityThreshold: number };
export interface AuditListing {
  entries: AdminAuditEntry[];
  names: Record<string, string>;
}
export interface CoachSettingsBody {
  domains: string[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  days: number[];
  start: string;
  end: string;
  takesIntakes: boolean;
}

export const API = {
  me: endpoint<MeView>()('GET', '/api/v1/me'),
  reminders: endpoint<{ remindersOff: boolean }>()('GET', '/api/v1/me/reminders'),
  setReminders: endpoint<{ remindersOff: boolean }, { remindersOff: boolean }>()('PUT', '/api/v1/me/reminders'),
  myData: endpoint<MyDataView>()('GET', '/api/v1/me/data'),
  myDataExport: endpoint<Blob>()('GET', '/api/v1/me/data/export'),
  myDataDelete: endpoint<{ removed: number }, { confirm: 'yes' }>()('POST', '/api/v1/me/data/delete'),

  myProgress: endpoint<MyProgress>()('GET', '/api/v1/me/progress'),

  myTeams: endpoint<{ teams: Array<{ id: string; name: string }> }>()('GET', '/api/v1/teams/mine'),
  teamDashboard: endpoint<TeamFigures>()('GET', '/api/v1/teams/:teamId/dashboard'),
  teamNudge: endpoint<NudgeOutcome>()('POST', '/api/v1/teams/:teamId/nudge'),

  myDepartments: endpoint<{ departments: Array<{ id: string; name: string }> }>()('GET', '/api/v1/departments/mine'),
  departmentDashboard: endpoint<DepartmentFigures>()('GET', '/api/v1/departments/:departmentId/dashboard'),
  departmentHeads: endpoint<{ departments: DepartmentHeadRow[] }>()('GET', '/api/v1/admin/department-heads'),
  saveDepartmentHead: endpoint<DepartmentHeadRow, { userId: string | null }>()(
    'PUT',
    '/api/v1/admin/department-heads/:departmentId',
  ),

  programme: endpoint<ProgrammeFigures>()('GET', '/api/v1/programme'),
  programmeDepartment: endpoint<ProgrammeFigures>()('GET', '/api/v1/programme/departments/:id'),
  programmeLocation: endpoint<ProgrammeFigures>()('GET', '/api/v1/programme/locations/:id'),
  programmeUnits: endpoint<UnitsView>()('GET', '/api/v1/programme/units'),
  programmeCoaches: endpoint<CoachNetworkView>()('GET', '/api/v1/programme/coaches'),
  programmePulse: endpoint<PulseOverview>()('GET', '/api/v1/programme/pulse'),
  programmeExport: endpoint<Blob>()('GET', '/api/v1/programme/export.csv'),

  leadership: endpoint<LeadershipState>()('GET', '/api/v1/leadership'),
  leadershipAnswer: endpoint<
    { answered: number; total: number; completedAt: string | null },
    { answers: Record<string, number> }
  >()('POST', '/api/v1/leadership/answers'),
  leadershipReset: endpoint<void>()('DELETE', '/api/v1/leadership/answers'),
  leadershipResult: endpoint<LeadershipResult>()('GET', '/api/v1/leadership/result'),

  coaches: endpoint<{ coaches: AdminCoachRow[] }>()('GET', '/api/v1/admin/coaches'),
  people: endpoint<{ people: Array<{ userId: string; name: string; coach: boolean }> }>()(
    'GET',
    '/api/v1/admin/people',
  ),
  saveCoach: endpoint<{ userId: string; name: string }, CoachSettingsBody>()('PUT', '/api/v1/admin/coaches/:userId'),
  removeCoach: endpoint<void>()('DELETE', '/api/v1/admin/coaches/:userId'),
  pendingCoaches: endpoint<{ pending: PendingCoachRow[] }>()('GET', '/api/v1/coaches/pending'),
  approveCoach: endpoint<Decision>()('POST', '/api/v1/coaches/:userId/approve'),
  rejectCoach: endpoint<Decision>()('POST', '/api/v1/coaches/:userId/reject'),
  contacts: endpoint<{ departments: DepartmentContacts[] }>()('GET', '/api/v1/admin/contacts'),
  saveContacts: endpoint<DepartmentContacts, { userIds: string[] }>()('PUT', '/api/v1/admin/contacts/:departmentId'),
  coachLoad: endpoint<CoachLoadView>()('GET', '/api/v1/admin/coach-load'),
  contactDepartments: endpoint<ContactDepartmentsView>()('GET', '/api/v1/contact/departments'),
  news: endpoint<NewsArchiveResponse>()('GET', '/api/v1/admin/news'),
  sendNews: endpoint<CoachNews, PostNewsRequest>()('POST', '/api/v1/admin/news'),
  knowledge: endpoint<KnowledgeOverviewResponse>()('GET', '/api/v1/admin/knowledge'),
  editArticle: endpoint<ArticleResponse, ArticleEditRequest>()('PUT', '/api/v1/admin/knowledge/articles/:id'),
  publishArticle: endpoint<ArticleResponse>()('POST', '/api/v1/admin/knowledge/articles/:id/publish'),
  rejectArticle: endpoint<ArticleResponse>()('POST', '/api/v1/admin/knowledge/articles/:id/reject'),
  /** `?history=1` includes the last 30 days. */
  events: endpoint<EventsResponse>()('GET', '/api/v1/events'),
  myEvents: endpoint<EventsResponse>()('GET', '/api/v1/me/events'),
  createEvent: endpoint<EventView, EventInputBody>()('POST', '/api/v1/events'),
  updateEvent: endpoint<EventView, EventInputBody>()('PUT', '/api/v1/events/:eventId'),
  cancelEvent: endpoint<EventView>()('POST', '/api/v1/events/:eventId/cancel'),
  signUp: endpoint<EventView>()('POST', '/api/v1/events/:eventId/signup'),
  cancelSignUp: endpoint<EventView>()('DELETE', '/api/v1/events/:eventId/signup'),
  participants: endpoint<ParticipantsResponse>()('GET', '/api/v1/events/:eventId/participants'),
  attendance: endpoint<ParticipantsResponse, { userId: string; attended: boolean }>()(
    'PUT',
    '/api/v1/events/:eventId/attendance',
  ),
  organisers: endpoint<OrganisersResponse>()('GET', '/api/v1/admin/event-organisers'),
  saveOrganisers: endpoint<OrganisersResponse, { userIds: string[] }>()('PUT', '/api/v1/admin/event-organisers'),
  importCompletions: endpoint<CompletionImportReport, CompletionImportBody>()(
    'POST',
    '/api/v1/admin/completions/import',
  ),
  xapiCredential: endpoint<CredentialStatus>()('GET', '/api/v1/admin/xapi-credential'),
  newXapiCredential: endpoint<NewCredential>()('POST', '/api/v1/admin/xapi-credential'),
  audit: endpoint<AuditListing>()('GET', '/api/v1/admin/audit'),
  settings: endpoint<SettingsView>()('GET', '/api/v1/admin/settings'),
  saveSettings: endpoint<SettingsView, SettingsChange>()('PUT', '/api/v1/admin/settings'),
  terms: endpoint<TermsView>()('GET', '/api/v1/admin/terms'),
  saveTerms: endpoint<TermsView, { terms: TermsChange }>()('PUT', '/api/v1/admin/terms'),
  catalogue: endpoint<CatalogueView>()('GET', '/api/v1/catalogue'),
  adminCatalogue: endpoint<AdminCatalogueView>()('GET', '/api/v1/admin/catalogue'),
  /** `?dryRun=true` reports every problem per row and changes nothing; without it, If-Match the dry run's version. */
  importCatalogue: endpoint<ImportReport, ImportRequest>()('POST', '/api/v1/admin/catalogue/import'),
  addModule: endpoint<{ problems: RowProblem[]; version?: string }, ModuleRow>()(
    'POST',
    '/api/v1/admin/catalogue/modules',
  ),
  editModule: endpoint<{ problems: RowProblem[]; version?: string }, ModuleRow>()(
    'PUT',
    '/api/v1/admin/catalogue/modules/:moduleId',
  ),
  setModuleStatus: endpoint<{ version: string }, { status: ModuleStatus }>()(
    'PUT',
    '/api/v1/admin/catalogue/modules/:moduleId/status',
  ),
  campaigns: endpoint<CampaignOverview>()('GET', '/api/v1/admin/campaigns'),
  startCampaign: endpoint<CampaignSummary>()('POST', '/api/v1/admin/campaigns'),
} as const;

export type ApiName = keyof typeof API;

/** A contact person's departments with their coaches (`GET /api/v1/contact/departments`). */
export interface ContactDepartmentsView {
  threshold: number;
  employeesPerCoach: number;
  departments: ContactDepartmentView[];
  domains: Array<{ id: string; name: string }>;
}
type Decision = { userId: string; name: string; approval: string };
export type AnyEndpoint = Endpoint<unknown, unknown, string>;
export type ResponseOf<E> = E extends Endpoint<infer R, unknown, string> ? R : never;
export type BodyOf<E> = E extends Endpoint<unknown, infer B, string> ? B : never;

/** The path with its `:name` segments filled in (each value URL-encoded), plus an optional query. */
export function pathOf<P extends string>(
  e: Endpoint<unknown, unknown, P>,
  params: Record<PathParams<P>, string>,
  query: Record<string, string> = {},
): string {
  const filled = e.path.replace(/:(\w+)/g, (_all, name: string) =>
    encodeURIComponent((params as Record<string, string>)[name]),
  );
  const search = new URLSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}
