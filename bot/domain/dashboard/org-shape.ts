import type { OrgUnit, Person } from '../org';
import { type GroupKind, groupKey, type Structure } from './anonymity';

/**
 * How big every group of a tenant is, without naming anyone. Departments and locations
 * are made of whole teams (a team counts where the team is), so their figures are sums
 * of team figures and the anonymity plan works on teams. One small document per tenant,
 * written by an import or rebuilt hourly, so a dashboard never counts people per request.
 */
export interface OrgShape {
  tenantId: string;
  builtAt: string;
  members: number;
  /** People in no team: counted in the tenant only. */
  teamless: number;
  units: Record<string, ShapeUnit>;
}

export interface ShapeUnit {
  kind: Exclude<GroupKind, 'tenant'>;
  id: string;
  name: string;
  members: number;
  /** Digicoaches whose own department or location this is. */
  coaches: number;
  departmentId?: string;
  locationId?: string;
  leaderId?: string;
}

export function buildOrgShape(tenantId: string, people: Person[], units: OrgUnit[], builtAt: string): OrgShape {
  const byId = new Map(units.map((u) => [u.id, u]));
  const shape: OrgShape = { tenantId, builtAt, members: 0, teamless: 0, units: {} };
  const unit = (kind: ShapeUnit['kind'], id: string): ShapeUnit => {
    const known = byId.get(id);
    return (shape.units[groupKey({ kind, id })] ??= { kind, id, name: known?.name ?? id, members: 0, coaches: 0 });
  };
  for (const u of units) unit(u.kind, u.id);
  // A team sits in its own department and location; a team record without them takes its first member's.
  for (const p of people) {
    if (!p.teamId) continue;
    const team = unit('team', p.teamId);
    const known = byId.get(p.teamId);
    team.departmentId ??= known?.departmentId ?? p.departmentId;
    team.locationId ??= known?.locationId ?? p.locationId;
    team.leaderId ??= known?.leaderId;
  }
  for (const p of people) {
    shape.members++;
    if (p.teamId) unit('team', p.teamId).members++;
    else shape.teamless++;
    const department =
      p.departmentId ?? (p.teamId ? shape.units[groupKey({ kind: 'team', id: p.teamId })]?.departmentId : undefined);
    if (p.coach && department) unit('department', department).coaches++;
    if (p.coach && p.locationId) unit('location', p.locationId).coaches++;
  }
  for (const team of Object.values(shape.units)) {
    if (team.kind !== 'team') continue;
    if (team.departmentId) unit('department', team.departmentId).members += team.members;
    if (team.locationId) unit('location', team.locationId).members += team.members;
  }
  return shape;
}

/** The teams with their department and location, as the anonymity plan wants them. */
export function structureOf(shape: OrgShape): Structure {
  return {
    tenantId: shape.tenantId,
    teams: Object.values(shape.units)
      .filter((u) => u.kind === 'team')
      .map((t) => ({ id: t.id, department: t.departmentId, location: t.locationId })),
    teamless: shape.teamless,
  };
}

export function teamMembers(shape: OrgShape): Map<string, number> {
  return new Map(
    Object.values(shape.units)
      .filter((u) => u.kind === 'team')
      .map((t) => [t.id, t.members]),
  );
}

export function unitsOf(shape: OrgShape, kind: ShapeUnit['kind']): ShapeUnit[] {
  return Object.values(shape.units)
    .filter((u) => u.kind === kind)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Which teams make up a department or location. */
export function teamsIn(shape: OrgShape, kind: 'department' | 'location', id: string): string[] {
  return Object.values(shape.units)
    .filter((u) => u.kind === 'team' && (kind === 'department' ? u.departmentId : u.locationId) === id)
    .map((u) => u.id);
}
