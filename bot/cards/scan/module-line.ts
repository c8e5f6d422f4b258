import { type MessageKey, t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { LearningModule } from '../../domain/scan/content';
import { action, type Element } from '../card';
import { escapeMarkdown } from '../markdown';
import { DEFAULT_TERMS } from '../../domain/terms/definitions';
import type { Terms } from '../../domain/terms/terms';

/** At most this many "Plan met een digicoach" buttons on one card, so it keeps a few clear actions. */
const MAX_SESSION_BUTTONS = 2;

/**
 * One advised module as a line: a link only when the tenant gave a real one. A session with a
 * digicoach is planned with a button; any other module without a link says where to find it
 * (the tenant's learning page on the intranet, or a digicoach). Titles name systems in the
 * tenant's own words (`terms`).
 */
export function moduleLine(
  mod: LearningModule,
  learningPage: string | null,
  locale: Locale,
  terms: Terms = DEFAULT_TERMS,
): string {
  const params = {
    title: escapeMarkdown(terms.apply(mod.title[locale], locale)),
    minutes: mod.durationMinutes,
    format: t(locale, `format.${mod.format}` as MessageKey),
  };
  if (mod.link) return t(locale, 'result.moduleLine', { ...params, url: mod.link });
  const line = t(locale, 'result.moduleLineNoLink', params);
  if (mod.format === 'digicoach-session') return `${line}  \n${t(locale, 'result.moduleSession')}`;
  const how = learningPage
    ? t(locale, 'result.moduleHowToGet', { url: learningPage })
    : t(locale, 'result.moduleAskCoach');
  return `${line}  \n${how}`;
}

/** The buttons that open a help request for the advised sessions with a digicoach (without a link of their own). */
export function sessionButtons(modules: LearningModule[], locale: Locale, terms: Terms = DEFAULT_TERMS): Element[] {
  return modules
    .filter((m) => m.format === 'digicoach-session' && !m.link)
    .slice(0, MAX_SESSION_BUTTONS)
    .map((m) =>
      action(t(locale, 'action.planSession', { title: terms.apply(m.title[locale], locale) }), 'module.session', {
        module: m.id,
      }),
    );
}
