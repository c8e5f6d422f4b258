import type { OrgUnit, Person } from '../org';
import { type Cell, type GroupKind, groupKey } from './anonymity';

/**
 * How big every group of a tenant is, without naming anyone: members per team,
 * department, location and tenant, coaches per department and location, and the cells
 * (people sharing team, department and location) the anonymity plan works on. One small
 * document per tenant, so a dashboard never counts people per request.
 */
export interface OrgShape {
  tenantId: string;
  builtAt: string;
  members: number;
  units: Record<string, ShapeUnit>;
  cells: Array<{ team?: string; department?: string; location?: string; members: number }>;
}

export interface ShapeUnit {
  kind: Exclude<GroupKind, 'tenant'>;
  id: string;
  name: string;
  members: number;
  coaches: number;
  departmentId?: string;
  locationId?: string;
  leaderId?: string;
}

/**
 * Builds the shape from the directory's people and units. The groups mirror how the
 * scan counts people (see scopesOf in the scan service): a person's department is
 * their own or their team's; their location is their own.
 */
export function buildOrgShape(tenantId: string, people: Person[], units: OrgUnit[], builtAt: string): OrgShape {
  const byId = new Map(units.map((u) => [u.id, u]));
  const shape: OrgShape = { tenantId, builtAt, members: 0, units: {}, cells: [] };
  const cells = new Map<string, OrgShape['cells'][number]>();
  const unit = (kind: ShapeUnit['kind'], id: string): ShapeUnit => {
    const key = groupKey({ kind, id });
    const known = byId.get(id);
    return (shape.units[key] ??= {
      kind,
      id,
      name: known?.name ?? id,
      members: 0,
      coaches: 0,
      ...(kind === 'team' && known ? { departmentId: known.departmentId, locationId: known.locationId, leaderId: known.leaderId } : {}),
    });
  };
  // Teams and departments without people still exist for their leaders and admins.
  for (const u of units) unit(u.kind, u.id);
  for (const p of people) {
    const team = p.teamId;
    const department = p.departmentId ?? (team ? byId.get(team)?.departmentId : undefined);
    const location = p.locationId;
    shape.members++;
    for (const [kind, id] of [['team', team], ['department', department], ['location', location]] as const) {
      if (!id) continue;
      const u = unit(kind, id);
      u.members++;
      if (p.coach && kind !== 'team') u.coaches++;
    }
    const key = `${team ?? ''}|${department ?? ''}|${location ?? ''}`;
    const cell = cells.get(key) ?? { ...(team ? { team } : {}), ...(department ? { department } : {}), ...(location ? { location } : {}), members: 0 };
    cell.members++;
    cells.set(key, cell);
  }
  shape.cells = [...cells.values()];
  return shape;
}

/** The shape's cells and member counts, as the anonymity plan wants them. */
export function shapeGroups(shape: OrgShape): { cells: Cell[]; members: Map<string, number> } {
  const tenant = groupKey({ kind: 'tenant', id: shape.tenantId });
  const members = new Map<string, number>([[tenant, shape.members]]);
  for (const [key, u] of Object.entries(shape.units)) members.set(key, u.members);
  const cells = shape.cells.map((c) => ({
    groups: [
      tenant,
      ...(c.team ? [groupKey({ kind: 'team', id: c.team })] : []),
      ...(c.department ? [groupKey({ kind: 'department', id: c.department })] : []),
      ...(c.location ? [groupKey({ kind: 'location', id: c.location })] : []),
    ],
  }));
  return { cells, members };
}

export function unitsOf(shape: OrgShape, kind: ShapeUnit['kind']): ShapeUnit[] {
  return Object.values(shape.units)
    .filter((u) => u.kind === kind)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}
