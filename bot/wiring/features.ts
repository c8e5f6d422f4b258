import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { CachedDirectory } from '../domain/cached-directory';
import { t } from '../i18n';
import { botChatUrl } from '../cards/personal-chat-card';
import { scanFeature } from '../teams/features/scan-feature';
import { helpFeature } from '../teams/features/help-feature';
import { privacyFeature } from '../teams/features/privacy-feature';
import { leadershipFeature } from '../teams/features/leadership-feature';
import { eventsFeature } from '../teams/features/events-feature';
import { mergeFeatures } from '../teams/turn';
import { knowledgeFeature, knowledgeSearchExtension } from '../teams/features/knowledge-feature';
import type { KnowledgeService } from '../domain/knowledge/knowledge-service';
import { DigivaardigBot } from '../teams/digivaardig-bot';
import type { Repositories } from './repositories';
import type { Services } from './services';
import type { PublicLinks } from './links';

/** Step 6: the bot — every chat feature (scan, help, privacy, reminders, leadership) behind the tenant gate. */
export function buildBot(deps: {
  config: Config;
  repos: Repositories;
  services: Services;
  knowledge: KnowledgeService;
  directory: CachedDirectory;
  links: PublicLinks;
  clock: Clock;
  log: Log;
}): DigivaardigBot {
  const { config, repos, services, directory, links } = deps;
  const { help, references } = services;
  const privacyUrl = (locale: 'nl' | 'en') => links.privacy(locale);
  const features = mergeFeatures(
    // First, so `hulp <vraag>` is answered even while a scan is open.
    knowledgeFeature(deps.knowledge, help, services.helpCards),
    scanFeature(services.scan, {
      anonymityThreshold: config.anonymityThreshold,
      onIntake: async (turn, topic) =>
        void (await help.requestIntake(turn.user, topic, t(turn.user.locale, 'help.intake.question'))),
      privacyUrl,
      eventModules: services.events.eventModules,
    }),
    eventsFeature(services.events.events, repos.content),
    helpFeature(help, services.coaches, services.helpCards, directory),
    privacyFeature(services.privacy, {
      content: repos.content,
      references,
      anonymityThreshold: config.anonymityThreshold,
      privacyUrl,
      myDataUrl: () => links.myData(),
    }),
    services.campaigns.feature,
    leadershipFeature(() => links.leadership()),
  );
  return new DigivaardigBot({
    directory,
    userState: repos.userState,
    references,
    features,
    allowedTenants: config.allowedTenants,
    personalChatUrl: botChatUrl(config.bot?.appId),
    searchExtension: knowledgeSearchExtension(deps.knowledge),
    anonymityThreshold: config.anonymityThreshold,
    clock: deps.clock,
    log: deps.log.child({ component: 'bot' }),
  });
}
