import type { DemoDirectory, PlaygroundIdentity } from './api';

/** One choice in the picker: who to be, and how to show it. */
export interface Choice {
  key: string;
  label: string;
  identity: Pick<PlaygroundIdentity, 'tenantId' | 'userId' | 'name' | 'locale'>;
  detail: string;
}

export const keyOf = (tenantId: string, userId: string) => `${tenantId}/${userId}`;

/** Demo people per tenant (with their roles, job and team), then the colleagues nobody knows yet. */
export function choicesOf(directory: DemoDirectory): { groups: Array<{ label: string; choices: Choice[] }> } {
  const groups = directory.tenants.map((t) => ({
    label: t.name,
    choices: t.users.map((u) => ({
      key: keyOf(u.tenantId, u.userId),
      label: `${u.name} — ${u.roleLabels.join(', ')}${u.jobTitle ? ` · ${u.jobTitle}` : ''}`,
      identity: { tenantId: u.tenantId, userId: u.userId, name: u.name, locale: u.locale },
      detail: [u.roleLabels.join(', '), u.jobTitle, u.team, t.name].filter(Boolean).join(' · '),
    })),
  }));
  groups.push({
    label: 'Nieuwe collega’s',
    choices: directory.newColleagues.map((n) => ({
      key: keyOf(n.tenantId, n.userId),
      label: n.label,
      identity: { tenantId: n.tenantId, userId: n.userId, name: n.name, locale: n.locale },
      detail: `${n.label} · tenant ${n.tenantId.slice(0, 8)}…`,
    })),
  });
  return { groups };
}

export function UserPicker(props: {
  groups: Array<{ label: string; choices: Choice[] }>;
  value: string;
  disabled: boolean;
  onChange: (key: string) => void;
}) {
  return (
    <select
      id="pg-who"
      className="pg-picker"
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="" disabled>
        — kies een collega —
      </option>
      {props.groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
