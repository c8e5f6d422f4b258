import { isConflict } from '../errors';
import type { CoachRepository } from './help-ports';
import type { Coach } from './help-types';

/** Changes a coach's record with its ETag, reading again on a conflict; null when there is no such coach. */
export async function updateCoach(
  coaches: CoachRepository,
  tenantId: string,
  userId: string,
  change: (c: Coach) => void,
): Promise<Coach | null> {
  for (let attempt = 0; ; attempt++) {
    const current = await coaches.get(tenantId, userId);
    if (!current) return null;
    const next = structuredClone(current.value);
    change(next);
    try {
      return (await coaches.replace(next, current.etag)).value;
    } catch (err) {
      if (!isConflict(err) || attempt >= 8) throw err;
    }
  }
}
