import type { Locale } from '../../domain/org';
import type { ScanService, ScanView } from '../../domain/scan/scan-service';
import { noticeCard } from '../../cards/notice-card';
import { scanIntroCard } from '../../cards/scan/intro-card';
import { questionCard } from '../../cards/scan/question-card';
import { resultCard } from '../../cards/scan/result-card';
import { modulesCard } from '../../cards/scan/modules-card';
import { reviewCard } from '../../cards/scan/review-card';
import type { LearningModule } from '../../domain/scan/content';
import type { ActionCommand, Verb } from '../../cards/verbs';
import type { ActionHandler, Features, Reply, Turn } from '../turn';
import { scanNextStep } from './scan-next-step';
import type { Terms } from '../../domain/terms/terms';

/** The self-scan in chat: commands and card actions mapped to ScanService use cases, views to cards. */
/** What happens after someone asks for an intake on their result: a ticket for a digicoach who takes intakes. */
export type IntakeHook = (turn: Turn, topic: string) => Promise<void>;
/** A "sessie met een digicoach" module tapped: the help request form with the module as its question. */
export type SessionHook = (turn: Turn, module: LearningModule) => Promise<Reply>;

export function scanFeature(
  service: ScanService,
  opts: {
    anonymityThreshold: number;
    onIntake?: IntakeHook;
    onSession?: SessionHook;
    privacyUrl?: (locale: Locale) => string;
    /** The tenant's own words for its systems (cached per tenant; a change shows on the next card). */
    terms?: (tenantId: string) => Promise<Terms>;
    /** The modules that have upcoming events (their card gets a "dates and sign-up" button). */
    eventModules?: (tenantId: string) => Promise<Set<string>>;
  },
): Features {
  const nextStep = scanNextStep(service);
  const show = async (view: ScanView, turn: Turn): Promise<Reply> => {
    const locale = turn.user.locale;
    // No result yet: a scan in progress is continued, not started again.
    if (view.kind === 'noResult' && (await nextStep(turn.user)).titleKey === 'action.resumeScan') {
      return {
        card: noticeCard(
          {
            titleKey: 'noResult.title',
            bodyKey: 'noResult.bodyInProgress',
            next: { titleKey: 'action.resumeScan', verb: 'scan.start' },
          },
          locale,
        ),
      };
    }
    const terms = await opts.terms?.(turn.user.tenantId);
    const withEvents =
      view.kind === 'modules' && opts.eventModules ? await opts.eventModules(turn.user.tenantId) : undefined;
    return { card: cardFor(view, locale, opts.anonymityThreshold, opts.privacyUrl?.(locale), terms, withEvents) };
  };
  const run = (use: (turn: Turn) => Promise<ScanView>) => async (turn: Turn) => show(await use(turn), turn);
  const act =
    <V extends Verb>(use: (turn: Turn, command: ActionCommand<V>) => Promise<ScanView>): ActionHandler<V> =>
    async (turn, command) =>
      show(await use(turn, command), turn);

  return {
    commands: {
      scan: run((turn) => service.start(turn.user)),
      result: run((turn) => service.result(turn.user)),
      modules: run((turn) => service.modules(turn.user)),
    },
    actions: {
      'scan.start': act((turn) => service.start(turn.user)),
      'scan.begin': act((turn, command) => service.begin(turn.user, command)),
      'scan.answer': act((turn, command) => service.answer(turn.user, command)),
      'scan.back': act((turn, command) => service.back(turn.user, command)),
      'scan.pause': act((turn, command) => service.pause(turn.user, command)),
      'scan.result': act((turn) => service.result(turn.user)),
      'scan.intake': act(async (turn, command) => {
        const view = await service.requestIntake(turn.user, command);
        if (view.kind === 'intakeRecorded' && view.firstTime && opts.onIntake) {
          await opts.onIntake(turn, view.result.focusDomains[0] ?? Object.keys(view.result.levels)[0]);
        }
        return view;
      }),
      'modules.show': act((turn) => service.modules(turn.user)),
      'module.mark': act((turn, command) => service.markModule(turn.user, command)),
      'scan.review': act((turn, command) => service.review(turn.user, command)),
      'module.session': async (turn, command) => {
        const module = await service.sessionModule(turn.user, command);
        return opts.onSession ? opts.onSession(turn, module) : show(await service.modules(turn.user), turn);
      },
    },
    freeText: [
      // Free text while a scan is open: a hint how to go on, not the menu.
      async (turn) => {
        const view = await service.start(turn.user);
        return view.kind === 'question'
          ? {
              card: noticeCard(
                {
                  titleKey: 'scan.intro.title',
                  bodyKey: 'scan.freeText',
                  next: { titleKey: 'scan.action.resume', verb: 'scan.start' },
                },
                turn.user.locale,
              ),
            }
          : null;
      },
    ],
  };
}

function cardFor(
  view: ScanView,
  locale: Locale,
  anonymityThreshold: number,
  privacyUrl?: string,
  terms?: Terms,
  withEvents?: Set<string>,
) {
  switch (view.kind) {
    case 'intro':
      return scanIntroCard(
        {
          profiles: view.profiles,
          preselected: view.preselected,
          previousDate: view.previous?.completedAt ?? null,
          anonymityThreshold,
          privacyUrl,
        },
        locale,
      );
    case 'question':
      return questionCard(view, locale, terms);
    case 'paused':
      return noticeCard(
        {
          titleKey: 'scan.paused.title',
          bodyKey: 'scan.paused.body',
          next: { titleKey: 'scan.action.resume', verb: 'scan.start' },
        },
        locale,
      );
    case 'result':
    case 'retakeLater':
      return resultCard(
        {
          ...view,
          justCompleted: view.kind === 'result' && view.justCompleted,
          retakeLater: view.kind === 'retakeLater',
          terms,
        },
        locale,
      );
    case 'noResult':
      return noticeCard(
        {
          titleKey: 'noResult.title',
          bodyKey: 'noResult.body',
          next: { titleKey: 'action.startScan', verb: 'scan.start' },
        },
        locale,
      );
    case 'modules':
      return modulesCard({ modules: view.modules, learningPage: view.learningPage, terms, withEvents }, locale);
    case 'review':
      return reviewCard(view.review, locale, terms);
    case 'reviewDuringScan':
      return noticeCard(
        {
          titleKey: 'review.duringScan.title',
          bodyKey: 'review.duringScan.body',
          next: { titleKey: 'scan.action.resume', verb: 'scan.start' },
        },
        locale,
      );
    case 'intakeRecorded':
      return noticeCard(
        {
          titleKey: 'intake.recorded.title',
          bodyKey: 'intake.recorded.body',
          next: { titleKey: 'action.modules', verb: 'modules.show' },
        },
        locale,
      );
  }
}
