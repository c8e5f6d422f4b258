import { t } from '../../i18n';
import type { Locale } from '../../domain/org';
import { optionOrder } from '../../domain/scan/option-order';
import type { QuestionView } from '../../domain/scan/scan-service';
import { action, card, type Element, text } from '../card';
import type { CardData } from '../verbs';
import { scanAnswerLabel } from './answer-label';
import { escapeMarkdown } from '../markdown';
import { progressImage } from './progress-image';
import { DEFAULT_TERMS } from '../../domain/terms/definitions';
import type { Terms } from '../../domain/terms/terms';

/** The card data that identifies this exact question, so stale or forged submits can be recognised. */
function answerData(q: QuestionView): CardData<'scan.answer'> {
  return { s: q.session.sessionId, i: q.item.id, n: q.position, cv: q.session.contentVersion };
}

/** A full-width answer button of its own (one ActionSet each stacks them on a phone). */
function answerButton(title: string, value: string, q: QuestionView): Element {
  return { type: 'ActionSet', actions: [action(title, 'scan.answer', { ...answerData(q), v: value })] };
}

/**
 * The progress as one thin bar: a single image stretched to the card's width (see
 * progressImage), named for screen readers by how much is done.
 */
export function progressBar(position: number, total: number, locale: Locale): Element {
  const done = Math.max(1, Math.round((100 * (position - 1)) / total));
  return {
    type: 'Image',
    url: progressImage(done),
    size: 'Stretch',
    altText: t(locale, 'scan.question.progressBar', { percent: done }),
    spacing: 'Small',
  };
}

/**
 * One question per card: progress, the question, big answers, "weet ik niet", back and pause.
 * Systems are named in the tenant's own words (`terms`: "JOIN" for `{zaaksysteem}`).
 */
export function questionCard(q: QuestionView, locale: Locale, terms: Terms = DEFAULT_TERMS) {
  const { item } = q;
  const body: Element[] = [
    text(
      `${t(locale, 'scan.question.progress', { position: q.position, total: q.estimatedTotal })} · ${escapeMarkdown(q.domain.name[locale])}`,
      { isSubtle: true, size: 'Small' },
    ),
    progressBar(q.position, q.estimatedTotal, locale),
  ];
  if (q.alreadyAnswered)
    body.push(text(t(locale, 'scan.question.alreadyAnswered'), { color: 'Attention', size: 'Small' }));
  if (item.type === 'knowledge')
    body.push(text(t(locale, 'scan.question.knowledge'), { weight: 'Bolder', spacing: 'Medium' }));
  body.push(
    text(terms.apply(item.text[locale], locale), {
      size: 'Medium',
      weight: item.type === 'knowledge' ? 'Default' : 'Bolder',
      spacing: 'Medium',
    }),
  );

  const unknown = scanAnswerLabel(item, 'unknown', locale);
  if (item.type === 'self') {
    for (const v of ['1', '2', '3', '4']) body.push(answerButton(scanAnswerLabel(item, v, locale), v, q));
    body.push(answerButton(unknown, 'unknown', q));
  } else if (item.type === 'knowledge') {
    body.push(
      answerButton(scanAnswerLabel(item, 'true', locale), 'true', q),
      answerButton(scanAnswerLabel(item, 'false', locale), 'false', q),
      answerButton(unknown, 'unknown', q),
    );
  } else {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: 'v',
        label: t(locale, 'scan.question.choose'),
        isRequired: true,
        errorMessage: t(locale, 'scan.question.chooseError'),
        style: 'expanded',
        wrap: true,
        choices: [
          ...optionOrder(item, q.session.userId).map((o) => ({
            title: scanAnswerLabel(item, o.id, locale, terms),
            value: o.id,
          })),
          { title: unknown, value: 'unknown' },
        ],
      },
      {
        type: 'ActionSet',
        actions: [action(t(locale, 'scan.action.answer'), 'scan.answer', answerData(q), 'positive')],
      },
    );
  }
  const nav = [
    ...(q.canGoBack
      ? [action(t(locale, 'scan.action.back'), 'scan.back', { s: q.session.sessionId, n: q.position })]
      : []),
    action(t(locale, 'scan.action.pause'), 'scan.pause', { s: q.session.sessionId }),
  ];
  return card(body, nav);
}
