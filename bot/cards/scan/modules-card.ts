import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import type { LearningModule } from '../../domain/scan/content';
import type { ModuleState } from '../../domain/scan/scan-types';
import type { CompletionSource } from '../../domain/learning/completion';
import { action, card, type Element, heading, text } from '../card';
import { moduleLine, sessionButtons } from './module-line';
import type { Terms } from '../../domain/terms/terms';

export interface ModulesModel {
  modules: Array<{ module: LearningModule; state: ModuleState | null; sources?: CompletionSource[] }>;
  /** The tenant's learning page on the intranet, for modules without a link of their own. */
  learningPage: string | null;
  /** The tenant's own words for the systems modules name; the defaults when absent. */
  terms?: Terms;
  /** Modules with upcoming events: their dates and sign-up are one tap away. */
  withEvents?: Set<string>;
}

/** The advised modules with buttons to mark them started or finished. */
export function modulesCard(m: ModulesModel, locale: Locale) {
  const body: Element[] = [heading(t(locale, 'modules.title')), text(t(locale, 'modules.intro'), { isSubtle: true })];
  for (const { module, state, sources } of m.modules) {
    // A finished module says who confirmed it: the employee's own tick is labelled as such.
    const from = [...new Set((sources ?? []).map((s) => t(locale, `modules.source.${s}`)))].join(', ');
    const stateText =
      state === 'finished'
        ? `${t(locale, 'modules.state.finished')}${from ? ` (${from})` : ''}`
        : state === 'started'
          ? t(locale, 'modules.state.started')
          : t(locale, 'modules.state.none');
    body.push(
      text(moduleLine(module, m.learningPage, locale, m.terms), { spacing: 'Medium', separator: true }),
      text(stateText, { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
    const buttons = [
      ...(state !== 'finished' ? sessionButtons([module], locale) : []),
      ...(state === null
        ? [action(t(locale, 'action.startedModule'), 'module.mark', { module: module.id, state: 'started' })]
        : []),
      ...(state !== 'finished'
        ? [action(t(locale, 'action.finishedModule'), 'module.mark', { module: module.id, state: 'finished' })]
        : []),
      ...(m.withEvents?.has(module.id)
        ? [action(t(locale, 'events.action.showModule'), 'events.show', { module: module.id })]
        : []),
    ];
    if (buttons.length) body.push({ type: 'ActionSet', actions: buttons });
  }
  return card(body, [action(t(locale, 'action.menu'), 'menu')]);
}
