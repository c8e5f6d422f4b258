import type { Locale } from '../../domain/org';
import type { PrivacyService, PrivacyView } from '../../domain/privacy/privacy-service';
import type { ContentSource } from '../../domain/scan/scan-service';
import { deleteConfirmCard, exportCard, myDataCard } from '../../cards/privacy/my-data-card';
import { noticeCard } from '../../cards/notice-card';
import type { Features, Turn } from '../turn';
import type { ReferenceKeeper } from '../reference-keeper';

/** `mijn gegevens`: overview, export and erasure of one's own data. */
export function privacyFeature(service: PrivacyService, deps: { content: ContentSource; references: ReferenceKeeper; anonymityThreshold: number; privacyUrl?: (locale: Locale) => string }): Features {
  const show = (turn: Turn, view: PrivacyView) => {
    const locale = turn.user.locale;
    switch (view.kind) {
      case 'overview': {
        const profileName = view.jobProfile ? (deps.content.current().profilesById.get(view.jobProfile)?.name[locale] ?? view.jobProfile) : null;
        return { card: myDataCard({ ...view, profileName, anonymityThreshold: deps.anonymityThreshold, privacyUrl: deps.privacyUrl?.(locale) }, locale) };
      }
      case 'export':
        return { card: exportCard(view, locale) };
      case 'deleted':
        return { card: noticeCard({ titleKey: 'privacy.deleted.title', bodyKey: 'privacy.deleted.body', params: { count: view.removed } }, locale) };
    }
  };
  return {
    commands: { myData: async (turn) => show(turn, await service.overview(turn.user)) },
    actions: {
      'privacy.export': async (turn) => show(turn, await service.export(turn.user)),
      'privacy.delete': async (turn) => ({ card: deleteConfirmCard(turn.user.locale) }),
      'privacy.confirmDelete': async (turn, data) => {
        const view = await service.delete(turn.user, data);
        // The conversation reference was erased too: save it again on the next turn.
        deps.references.forget(turn.user.tenantId, turn.user.userId);
        return show(turn, view);
      },
    },
  };
}
