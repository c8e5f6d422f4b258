import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Log } from '../domain/log';
import type { CachedDirectory } from '../domain/cached-directory';
import { t } from '../i18n';
import { botChatUrl } from '../cards/personal-chat-card';
import { scanFeature } from '../teams/features/scan-feature';
import { helpFeature } from '../teams/features/help-feature';
import { coachApprovalFeature } from '../teams/features/coach-approval-feature';
import { privacyFeature } from '../teams/features/privacy-feature';
import { leadershipFeature } from '../teams/features/leadership-feature';
import { eventsFeature } from '../teams/features/events-feature';
import { mergeFeatures } from '../teams/turn';
import { pulseFeature, withPulseOffers } from '../teams/features/pulse-feature';
import { knowledgeFeature, knowledgeSearchExtension } from '../teams/features/knowledge-feature';
import type { KnowledgeService } from '../domain/knowledge/knowledge-service';
import type { KnowledgeAdmin } from '../domain/knowledge/knowledge-admin';
import { DigivaardigBot } from '../teams/digivaardig-bot';
import type { Repositories } from './repositories';
import type { Services } from './services';
import type { PublicLinks } from './links';
import type { UserContext } from '../domain/org';
import type { HelpScope } from '../domain/help/help-ports';

/** Step 6: the bot — every chat feature (scan, help, privacy, reminders, leadership) behind the tenant gate. */
export function buildBot(deps: {
  config: Config;
  repos: Repositories;
  services: Services;
  knowledge: KnowledgeService;
  knowledgeAdmin: KnowledgeAdmin;
  directory: CachedDirectory;
  links: PublicLinks;
  clock: Clock;
  log: Log;
}): DigivaardigBot {
  const { config, repos, services, directory, links } = deps;
  const { help, references } = services;
  const privacyUrl = (locale: 'nl' | 'en') => links.privacy(locale);
  const features = withPulseOffers(
    mergeFeatures(
      // First, so `hulp <vraag>` is answered even while a scan is open.
      knowledgeFeature(deps.knowledge, help, services.helpCards, deps.knowledgeAdmin, (user) =>
        repos.helpAggregates.record(user.tenantId, askerScopes(user), { type: 'article-solved' }),
      ),
      scanFeature(services.scan, {
        anonymityThreshold: config.anonymityThreshold,
        onIntake: async (turn, topic) =>
          void (await help.requestIntake(turn.user, topic, t(turn.user.locale, 'help.intake.question'))),
        // The help form, filled in with the session as the question and the module's domain as the topic.
        onSession: async (turn, module) => ({
          card: await services.helpCards.forView(
            {
              kind: 'requestForm',
              where: turn.user.location?.name ?? '',
              topic: module.domain,
              requestKind: 'help',
              question: t(turn.user.locale, 'session.question', { title: module.title[turn.user.locale] }).slice(
                0,
                200,
              ),
            },
            turn.user.locale,
          ),
        }),
        privacyUrl,
        terms: (tenantId) => services.terms.forTenant(tenantId),
        eventModules: services.events.eventModules,
      }),
      eventsFeature(services.events.events, repos.content),
      helpFeature(help, services.coaches, services.helpCards, directory),
      coachApprovalFeature(services.approvals),
      privacyFeature(services.privacy, {
        content: repos.content,
        references,
        anonymityThreshold: config.anonymityThreshold,
        privacyUrl,
        myDataUrl: () => links.myData(),
      }),
      services.campaigns.feature,
      leadershipFeature(() => links.leadership()),
      pulseFeature(services.learning.pulse),
    ),
    services.learning.pulse,
    services.learning.moduleTitle,
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

/** The groups a help question counts in, as for a ticket's requester: the tenant, their department, location and team. */
function askerScopes(user: UserContext): HelpScope[] {
  const scopes: HelpScope[] = [{ kind: 'tenant', id: user.tenantId }];
  if (user.department) scopes.push({ kind: 'department', id: user.department.id });
  if (user.location) scopes.push({ kind: 'location', id: user.location.id });
  if (user.team) scopes.push({ kind: 'team', id: user.team.id });
  return scopes;
}
