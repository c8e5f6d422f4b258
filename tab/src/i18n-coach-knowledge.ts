import { formatNumber, type Locale } from './i18n';

/**
 * The tab's words for coach news and the knowledge base review: Dutch first, English second.
 * Kept beside the main catalogue so these panels change in one place.
 */
const nl = {
  'news.title': 'Nieuws voor digicoaches',
  'news.intro':
    'Stuur de digicoaches een kort bericht, bijvoorbeeld dat er een nieuw systeem komt. Elke digicoach krijgt het één keer in de chat met Digivaardig.',
  'news.text': 'Bericht',
  'news.textHelp': 'Hooguit {max} tekens. Schrijf kort en duidelijk, zonder namen van collega’s.',
  'news.to': 'Aan',
  'news.toAll': 'Alle digicoaches',
  'news.send': 'Verstuur',
  'news.sent': 'Het bericht gaat naar {count} digicoaches.',
  'news.archive': 'Verstuurd',
  'news.none': 'Nog geen berichten verstuurd.',
  'news.when': 'Wanneer',
  'news.audience': 'Aan',
  'news.message': 'Bericht',
  'news.recipients': 'Digicoaches',
  'news.delivered': 'Afgeleverd',
  'news.waiting': 'Bezig',
  'news.skipped': 'Niet bereikbaar',
  'news.failed': 'Mislukt',
  'news.refresh': 'Vernieuwen',
  'news.help':
    'Niet bereikbaar: de digicoach heeft Digivaardig niet (meer) in Teams. Mislukt: Teams weigerde het bericht steeds, of de server stopte tijdens het versturen; dan sturen we het niet opnieuw, zodat niemand het twee keer krijgt.',
  'knowledge.title': 'Kennisbank',
  'knowledge.intro':
    'Digicoaches schrijven uitleg bij vragen die ze oplosten. Jij leest de uitleg na, past aan wat nodig is en zet de uitleg in de kennisbank. Pas dan vinden collega’s van jouw organisatie de uitleg.',
  'knowledge.privacyCheck':
    'Controleer voor je publiceert: staan er geen namen, e-mailadressen, telefoonnummers of andere persoonlijke gegevens in?',
  'knowledge.drafts': 'Uitleg om na te lezen',
  'knowledge.noDrafts': 'Er is geen uitleg om na te lezen.',
  'knowledge.own': 'Eigen uitleg',
  'knowledge.noOwn': 'Nog geen eigen uitleg.',
  'knowledge.fromCoach': 'van een digicoach',
  'knowledge.titleNl': 'Titel (Nederlands)',
  'knowledge.titleEn': 'Titel (Engels)',
  'knowledge.stepsNl': 'Stappen (Nederlands, één per regel)',
  'knowledge.stepsEn': 'Stappen (Engels, één per regel)',
  'knowledge.tags': 'Zoekwoorden (met komma’s)',
  'knowledge.topic': 'Onderwerp',
  'knowledge.share': 'Hulpvragen opgelost door uitleg',
  'knowledge.solved': 'Opgelost door uitleg',
  'knowledge.medianAnswer': 'Tijd tot een antwoord (mediaan)',
  'knowledge.minutes': '{n} min',
  'knowledge.figuresHelp':
    'Uitleg geeft meteen antwoord; een digicoach als die de hulpvraag aanneemt. Deze cijfers komen uit dezelfde dagelijkse stand als de rest van deze pagina en veranderen alleen in stappen van minstens {k} hulpvragen. Een streepje: nog te weinig hulpvragen.',
  'knowledge.save': 'Opslaan',
  'knowledge.publish': 'Publiceren',
  'knowledge.reject': 'Afwijzen',
  'knowledge.withdraw': 'Uit de kennisbank halen',
  'knowledge.saved': 'De uitleg is opgeslagen.',
  'knowledge.published': 'De uitleg staat in de kennisbank.',
  'knowledge.rejected': 'De uitleg is afgewezen. Collega’s vinden de uitleg niet.',
  'knowledge.state.published': 'in de kennisbank',
  'knowledge.state.rejected': 'afgewezen',
  'knowledge.feedback': 'Hielp de uitleg?',
  'knowledge.feedbackIntro':
    'Hoe vaak collega’s op “Dit hielp me” en “Hielp niet” tikten. Alleen aantallen, nooit wie.',
  'knowledge.noFeedback': 'Nog geen reacties op uitleg.',
  'knowledge.article': 'Uitleg',
  'knowledge.helped': 'Dit hielp me',
  'knowledge.notHelped': 'Hielp niet',
  'knowledge.gaps': 'Vragen zonder uitleg',
  'knowledge.gapsIntro':
    'Vragen waarvoor de kennisbank niets vond. We tonen een vraag pas als minstens {min} keer precies hetzelfde werd gevraagd: een zeldzame vraag kan verraden wie de vraag stelde. Namen en wie het vroeg bewaren we niet.',
  'knowledge.noGaps': 'Nog geen vragen die minstens {min} keer zonder uitleg bleven.',
  'knowledge.question': 'Vraag',
  'knowledge.count': 'Aantal keer',
  'knowledge.lastWeek': 'Laatst gevraagd (week)',
  'knowledge.totals':
    'Door uitleg opgelost: {helped} · zonder passende uitleg: {noMatch} · toch naar een digicoach: {escalated}',
};

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  'news.title': 'News for digicoaches',
  'news.intro':
    'Send the digicoaches a short message, for example that a new system is coming. Every digicoach gets it once in their chat with Digivaardig.',
  'news.text': 'Message',
  'news.textHelp': 'At most {max} characters. Keep it short and clear, without colleagues’ names.',
  'news.to': 'To',
  'news.toAll': 'All digicoaches',
  'news.send': 'Send',
  'news.sent': 'The message goes to {count} digicoaches.',
  'news.archive': 'Sent',
  'news.none': 'No messages sent yet.',
  'news.when': 'When',
  'news.audience': 'To',
  'news.message': 'Message',
  'news.recipients': 'Digicoaches',
  'news.delivered': 'Delivered',
  'news.waiting': 'In progress',
  'news.skipped': 'Not reachable',
  'news.failed': 'Failed',
  'news.refresh': 'Refresh',
  'news.help':
    'Not reachable: the digicoach does not have Digivaardig in Teams (any more). Failed: Teams kept refusing, or the server stopped while sending; then we do not send again, so nobody gets it twice.',
  'knowledge.title': 'Knowledge base',
  'knowledge.intro':
    'Digicoaches write how-tos for questions they solved. You review them, edit them and publish them. Only then do colleagues in your organisation find them.',
  'knowledge.privacyCheck':
    'Check before you publish: are there no names, email addresses, phone numbers or other personal details in it?',
  'knowledge.drafts': 'How-tos to review',
  'knowledge.noDrafts': 'Nothing to review.',
  'knowledge.own': 'Your own how-tos',
  'knowledge.noOwn': 'No own how-tos yet.',
  'knowledge.fromCoach': 'by a digicoach',
  'knowledge.titleNl': 'Title (Dutch)',
  'knowledge.titleEn': 'Title (English)',
  'knowledge.stepsNl': 'Steps (Dutch, one per line)',
  'knowledge.stepsEn': 'Steps (English, one per line)',
  'knowledge.tags': 'Search words (comma separated)',
  'knowledge.topic': 'Topic',
  'knowledge.share': 'Help questions solved by a how-to',
  'knowledge.solved': 'Solved by a how-to',
  'knowledge.medianAnswer': 'Time to an answer (median)',
  'knowledge.minutes': '{n} min',
  'knowledge.figuresHelp':
    'A how-to answers at once; a digicoach when they accept the help question. These figures come from the same daily release as the rest of this page and only change in steps of at least {k} help questions. A dash: too few help questions yet.',
  'knowledge.save': 'Save',
  'knowledge.publish': 'Publish',
  'knowledge.reject': 'Reject',
  'knowledge.withdraw': 'Take out of the knowledge base',
  'knowledge.saved': 'The how-to was saved.',
  'knowledge.published': 'The how-to is in the knowledge base.',
  'knowledge.rejected': 'The how-to was rejected. Colleagues will not find it.',
  'knowledge.state.published': 'in the knowledge base',
  'knowledge.state.rejected': 'rejected',
  'knowledge.feedback': 'Did the how-to help?',
  'knowledge.feedbackIntro': 'How often colleagues tapped “This helped me” and “Did not help”. Counts only, never who.',
  'knowledge.noFeedback': 'No reactions to how-tos yet.',
  'knowledge.article': 'How-to',
  'knowledge.helped': 'This helped me',
  'knowledge.notHelped': 'Did not help',
  'knowledge.gaps': 'Questions without a how-to',
  'knowledge.gapsIntro':
    'Questions the knowledge base found nothing for. A question is shown only once the very same was asked at least {min} times: a rare question can give away who asked it. We keep no names and not who asked.',
  'knowledge.noGaps': 'No questions yet that went without a how-to at least {min} times.',
  'knowledge.question': 'Question',
  'knowledge.count': 'Times',
  'knowledge.lastWeek': 'Last asked (week)',
  'knowledge.totals':
    'Solved by a how-to: {helped} · no fitting how-to: {noMatch} · went on to a digicoach: {escalated}',
};

const catalogues: Record<Locale, Record<Key, string>> = { nl, en };

export function tk(locale: Locale, key: Key, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export const coachKnowledgeCatalogues = catalogues;
