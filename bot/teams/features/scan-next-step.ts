import type { MessageKey } from '../../i18n';
import type { UserContext } from '../../domain/org';
import type { ScanService } from '../../domain/scan/scan-service';
import type { PlainVerb } from '../../cards/verbs';

/** The button that fits where someone is with the scan. */
export interface ScanStep {
  titleKey: MessageKey;
  verb: PlainVerb;
}

export type ScanStepOf = (user: UserContext) => Promise<ScanStep>;

/**
 * Where `scan` would take the user, as a button: continue a scan in progress, see the
 * result while a retake is not due yet, else start (or retake) the scan.
 */
export function scanNextStep(service: Pick<ScanService, 'start'>): ScanStepOf {
  return async (user) => {
    const view = await service.start(user);
    if (view.kind === 'question') return { titleKey: 'action.resumeScan', verb: 'scan.start' };
    if (view.kind === 'retakeLater' || view.kind === 'result')
      return { titleKey: 'action.result', verb: 'scan.result' };
    return { titleKey: 'action.startScan', verb: 'scan.start' };
  };
}
