/** The organisation as the app sees it: tenants, units and people (from the seeds or Graph). */

import type { OwnWords } from './terms/terms';

export type Locale = 'nl' | 'en';
/** `contact`: the contact person (aanspreekpunt) of one or more departments' digicoaches. */
export type Role = 'employee' | 'coach' | 'leader' | 'admin' | 'contact';

export interface Tenant {
  tenantId: string;
  name: string;
  shortName: string;
  /** ISO country code: 'NL' or 'BE' pick the calendar; any other code falls back to the Dutch one. */
  country: string;
  defaultLocale: string;
  programmeAdmins: string[];
  coordinatorId?: string;
  anonymityThreshold: number;
  /** Set by programme admins; absent values take their defaults (campaigns on, coach approval on, 1 coach per 14). */
  settings?: {
    retentionMonths?: number;
    remindersEnabled?: boolean;
    /** A new coach registration waits for approval (default on); off: active at once. */
    coachApproval?: boolean;
    /** The target number of employees per approved coach in a department (Ghent: 14). */
    employeesPerCoach?: number;
    /** Contact persons (aanspreekpunten) per department id. */
    contactPersons?: Record<string, string[]>;
    /** The intranet page that describes the tenant's learning offer: where a module without its own link is found. */
    learningPageUrl?: string;
    terms?: OwnWords;
  };
}

export type OrgUnitKind = 'department' | 'location' | 'team';

export interface OrgUnit {
  tenantId: string;
  id: string;
  kind: OrgUnitKind;
  name: string;
  address?: string;
  departmentId?: string;
  locationId?: string;
  /**
   * The leader of the unit: a team's team leader, a department's head (afdelingshoofd,
   * diensthoofd). One name for both, so "leads a unit" means the same everywhere; a
   * location has none. A department's head comes from the seed or an import, is derived
   * from Graph by the directory sync, or is named by a programme admin.
   */
  leaderId?: string;
  /** The leader was named (or removed) by a programme admin: the Graph sync leaves it as it is. */
  leaderByAdmin?: true;
}

export interface CoachProfile {
  domains: string[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  workingHours: { days: number[]; start: string; end: string; timeZone: string };
  takesIntakes: boolean;
  available: boolean;
}

export interface Person {
  tenantId: string;
  id: string;
  name: string;
  givenName?: string;
  email?: string;
  jobTitle?: string;
  jobProfile?: string;
  teamId?: string;
  departmentId?: string;
  locationId?: string;
  managerId?: string;
  preferredLocale?: string;
  coach?: CoachProfile;
}

/** Who is talking to us in this turn or request: always served, even when unknown to the directory. */
export interface UserContext {
  tenantId: string;
  userId: string;
  name: string;
  locale: Locale;
  /** Null when the directory does not know the user: an employee whose team is unknown. */
  person: Person | null;
  team: OrgUnit | null;
  department: OrgUnit | null;
  location: OrgUnit | null;
  roles: Role[];
}

/** Teams sends e.g. "nl-NL", "nl-BE", "en-US"; we speak Dutch to every Dutch variant, English to the rest. */
export function toLocale(tag: string | undefined | null): Locale {
  if (!tag) return 'nl';
  return tag.toLowerCase().startsWith('en') ? 'en' : 'nl';
}
