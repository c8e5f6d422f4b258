import type { Locale } from '../../domain/org';
import type { MyDataOverview, PrivacyService, PrivacyView } from '../../domain/privacy/privacy-service';
import type { ContentSource } from '../../domain/scan/scan-service';
import { deleteConfirmCard, exportCard, type MyDataModel, myDataCard } from '../../cards/privacy/my-data-card';
import { noticeCard } from '../../cards/notice-card';
import { pluralKey } from '../../i18n';
import type { Features, Turn } from '../turn';
import type { ReferenceKeeper } from '../reference-keeper';

/**
 * `mijn gegevens`: overview, export and erasure of one's own data. The export is
 * downloaded in the tab ("Mijn gegevens", `myDataUrl`); the chat says what it holds and links there.
 */
export function privacyFeature(
  service: PrivacyService,
  deps: {
    content: ContentSource;
    references: ReferenceKeeper;
    anonymityThreshold: number;
    privacyUrl?: (locale: Locale) => string;
    myDataUrl: () => string;
  },
): Features {
  const model = (turn: Turn, view: MyDataOverview): MyDataModel => {
    const locale = turn.user.locale;
    const profileName = view.jobProfile
      ? (deps.content.current().profilesById.get(view.jobProfile)?.name[locale] ?? view.jobProfile)
      : null;
    return { ...view, profileName, anonymityThreshold: deps.anonymityThreshold, privacyUrl: deps.privacyUrl?.(locale) };
  };
  const show = (turn: Turn, view: PrivacyView) => {
    const locale = turn.user.locale;
    switch (view.kind) {
      case 'overview':
        return { card: myDataCard(model(turn, view), locale) };
      case 'deleted':
        return {
          card: noticeCard(
            {
              titleKey: 'privacy.deleted.title',
              bodyKey: pluralKey('privacy.deleted.body', view.removed),
              params: { count: view.removed },
            },
            locale,
          ),
        };
    }
  };
  const overview = async (turn: Turn) => show(turn, await service.overview(turn.user));
  return {
    commands: { myData: overview },
    actions: {
      // "Nee, toch niet" on the erasure question: back to the overview, nothing changed.
      'privacy.show': overview,
      'privacy.export': async (turn) => ({
        card: exportCard(
          { ...model(turn, await service.overview(turn.user)), myDataUrl: deps.myDataUrl() },
          turn.user.locale,
        ),
      }),
      'privacy.delete': async (turn) => ({ card: deleteConfirmCard(turn.user.locale) }),
      'privacy.confirmDelete': async (turn, confirmation) => {
        const view = await service.delete(turn.user, confirmation);
        // The conversation reference was erased too: save it again on the next turn.
        deps.references.forget(turn.user.tenantId, turn.user.userId);
        return show(turn, view);
      },
    },
  };
}
