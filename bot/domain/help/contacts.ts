import type { Tenant } from '../org';

/** Ghent: about one digicoach per 14 colleagues. */
export const DEFAULT_EMPLOYEES_PER_COACH = 14;

/** A new coach waits for approval unless the tenant switched that off. */
export const approvalRequired = (tenant: Tenant | null): boolean => tenant?.settings?.coachApproval ?? true;

export const employeesPerCoach = (tenant: Tenant | null): number =>
  tenant?.settings?.employeesPerCoach ?? DEFAULT_EMPLOYEES_PER_COACH;

/** The contact persons (aanspreekpunten) of one department. */
export function contactsOf(tenant: Tenant | null, departmentId: string | undefined | null): string[] {
  if (!departmentId) return [];
  return tenant?.settings?.contactPersons?.[departmentId] ?? [];
}

/** The departments a user is the contact person of. */
export function departmentsOfContact(tenant: Tenant | null, userId: string): string[] {
  return Object.entries(tenant?.settings?.contactPersons ?? {})
    .filter(([, ids]) => ids.includes(userId))
    .map(([departmentId]) => departmentId);
}

/** The programme coordinator: the tenant's named one, else its first programme admin. */
export function coordinatorOf(tenant: Tenant | null): string | null {
  return tenant?.coordinatorId ?? tenant?.programmeAdmins[0] ?? null;
}

/**
 * Who decides on a pending coach of a department: its contact persons, or the coordinator
 * when the department has none. Never the coach themself.
 */
export function approversOf(tenant: Tenant | null, departmentId: string | undefined, coachId: string): string[] {
  const contacts = contactsOf(tenant, departmentId).filter((id) => id !== coachId);
  if (contacts.length) return contacts;
  const coordinator = coordinatorOf(tenant);
  return coordinator && coordinator !== coachId ? [coordinator] : [];
}
