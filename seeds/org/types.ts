/**
 * Shape of the demo organisation seeds (seeds/org/*.json).
 *
 * One file per tenant (municipality). Department, location and team ids are
 * tenant-prefixed slugs; user ids are lowercase GUIDs like Entra object ids.
 * Exactly one user per tenant (the algemeen directeur / city secretary) has
 * managerId null: the top of the hierarchy.
 */

export const JOB_PROFILES = [
  'beleidsmedewerker',
  'financieel',
  'ondersteunend',
  'buitendienst',
  'uitvoerend',
  'klantcontact',
  'zorg-welzijn',
] as const;
export type JobProfile = (typeof JOB_PROFILES)[number];

/** Job profiles of staff without their own PC (niet-pc-werkers). */
export const NON_PC_JOB_PROFILES: readonly JobProfile[] = ['buitendienst', 'uitvoerend', 'zorg-welzijn'];

export const COACH_DOMAINS = [
  'information',
  'communication',
  'content',
  'safety',
  'problem-solving',
  'devices',
  'hr-self-service',
] as const;
export type CoachDomain = (typeof COACH_DOMAINS)[number];

export interface SeedTenant {
  id: string;
  name: string;
  shortName: string;
  country: 'NL' | 'BE';
  defaultLocale: 'nl-NL' | 'nl-BE';
  programmeAdmins: string[];
  coordinatorId: string;
  anonymityThreshold: number;
}

export interface SeedDepartment {
  id: string;
  name: string;
  /** The department's head (afdelingshoofd, diensthoofd): a member of the management team. */
  leaderId?: string;
}

export interface SeedLocation {
  id: string;
  name: string;
  address: string;
}

export interface SeedTeam {
  id: string;
  name: string;
  departmentId: string;
  locationId: string;
  leaderId: string;
}

export interface SeedWorkingHours {
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** Local time "HH:MM" in timeZone. */
  start: string;
  end: string;
  timeZone: 'Europe/Amsterdam' | 'Europe/Brussels';
}

export interface SeedCoach {
  domains: CoachDomain[];
  maxOpenTickets: number;
  weeklyCapacity: number;
  workingHours: SeedWorkingHours;
  takesIntakes: boolean;
  available: boolean;
}

export interface SeedUser {
  id: string;
  name: string;
  givenName: string;
  email: string;
  jobTitle: string;
  jobProfile: JobProfile;
  teamId: string;
  locationId: string;
  /** null only for the top of the organisation. */
  managerId: string | null;
  preferredLocale: string;
  coach?: SeedCoach;
}

export interface OrgSeed {
  tenant: SeedTenant;
  departments: SeedDepartment[];
  locations: SeedLocation[];
  teams: SeedTeam[];
  users: SeedUser[];
}
