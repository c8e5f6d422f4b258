import type { ReminderSwitch } from '../ports';

/** The last participation reminder of a team: the 7-day limit is kept on this record, with its ETag. */
export interface TeamNudge {
  tenantId: string;
  teamId: string;
  lastSentAt: string;
  sentBy: string;
  sent: number | null;
  unreachable: number | null;
  remindersOff: number | null;
}

export interface NudgeRepository extends ReminderSwitch {
  getTeamNudge(tenantId: string, teamId: string): Promise<{ value: TeamNudge; etag: string } | null>;
  /** Creates (etag null) or replaces with the ETag and returns the new ETag; a concurrent claim throws a conflict AppError. */
  saveTeamNudge(nudge: TeamNudge, etag: string | null): Promise<string>;
  /** Removes the record if unchanged since `etag` (a conflict AppError otherwise; gone already is fine). */
  deleteTeamNudge(tenantId: string, teamId: string, etag: string): Promise<void>;
}
