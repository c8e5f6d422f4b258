import { MAX_REMINDERS } from '../domain/campaigns/campaign-worker';
import type restify from 'restify';
import type { Locale } from '../domain/org';
import { localeOf } from './tab-request';

/**
 * The privacy statement (/privacy) and the terms of use (/terms), in Dutch and English
 * (`?lang=en`, else the browser's language, Dutch first). Plain HTML from this server:
 * no scripts, no external fonts or styles, readable on a phone and by a screen reader.
 * The Teams manifest's developer.privacyUrl and termsOfUseUrl point here.
 */

interface Section {
  heading: string;
  paragraphs?: string[];
  items?: string[];
}

interface Page {
  title: string;
  lead: string;
  sections: Section[];
  other: { label: string; href: string };
  language: { label: string; href: string };
}

function privacyPage(locale: Locale, k: number): Page {
  if (locale === 'en') {
    return {
      title: 'Digivaardig privacy statement',
      lead: 'Digivaardig is the Microsoft Teams app your municipality uses for its digital-skills programme: a self-scan in chat, help from a digicoach, and a tab for leaders and the programme team. This statement says what the app keeps about you, who sees what, how long it is kept, and what you can do.',
      sections: [
        {
          heading: 'Who is responsible',
          paragraphs: [
            'Your municipality (your employer) decides why and how Digivaardig is used and is responsible for your data. Questions, requests and complaints go to the municipality’s programme team for digital skills; you can also reach your municipality’s data protection officer.',
          ],
        },
        {
          heading: 'What the app keeps about you',
          items: [
            'From your organisation’s directory: your name, team, department, location, job profile and manager, so the scan asks the right questions and help comes from a coach nearby.',
            'Your self-scan: your answers to each question, the levels per domain, your training advice and the modules you mark as started or finished.',
            'For leaders: your answers to the digital-leadership scan and your profile.',
            'Your help requests: topic, your question, urgency, how and where you want help, the steps with their times, the outcome and your rating.',
            'For digicoaches: your registration (topics, working hours, capacity, availability) and what you did on the requests you were offered.',
            'Your preferences (whether you want reminders about the self-scan), how many monthly reminders you were sent, and whether the bot can send you a message in Teams.',
          ],
        },
        {
          heading: 'Reminders about the self-scan',
          paragraphs: [
            'If your municipality uses them, everyone who has not done the self-scan yet gets a short reminder in the chat with Digivaardig on the first working day of each month; leaders get figures about their team (numbers only). A leader can also send their team a reminder, at most once a week. No reminder says who did or did not take the scan.',
            `You get at most ${MAX_REMINDERS} of these monthly reminders, ever. To keep to that, the app counts how many it sent you; a reminder that did not arrive is not counted. That count is part of your data and goes when you delete your data.`,
            'Do not want reminders? Type “no reminders” in the chat with Digivaardig, or switch them off under “My progress” in the tab. That one switch stops all of them: the monthly reminders (for leaders also the monthly message about their team) and your leader’s team reminders; “reminders on” switches them back on. If you delete your data, reminders you switched off stay off.',
          ],
        },
        {
          heading: 'Who sees what',
          items: [
            'Your individual answers and results: only you. Not your leader, not the programme team, not HR.',
            `Your leader and the programme team see only figures about groups of at least ${k} colleagues (your municipality may set a higher number). A figure that together with other figures would reveal a smaller group is not shown either. They never see who took part or what anyone answered.`,
            'The digicoach who helps you sees your name, your question and where you are, for as long as they help you.',
            'Programme admins see which coaches exist and how busy they are, never the questions.',
          ],
        },
        {
          heading: 'How long it is kept',
          paragraphs: [
            'Your municipality can set a retention period of 1 to 120 months. Each day, the details older than that period are removed: your answers to each scan question, leadership-scan answers (your profile per theme stays), unfinished scans, and the question, place and comment of finished help requests. Your levels and advice stay, so you can see your growth; anonymous counts stay, they contain no person.',
            'Without a retention period, your data is kept until you delete it yourself or your municipality stops using the app.',
          ],
        },
        {
          heading: 'Your rights: see, download, delete',
          items: [
            'See what is kept: type “my data” in the chat with Digivaardig, or open “My data” in the Digivaardig tab.',
            'Download all of it as one file (JSON) under “My data” in the Digivaardig tab (in the chat, “my data” takes you there). Each scan answer is in it with its question and the answer you chose.',
            'Delete it: your scans, answers, results, modules, leadership scan, your coach registration and your chat details are removed; your help requests keep only their times and outcome, without your name or question. Open requests are cancelled first. Anonymous counts stay. This cannot be undone.',
            'You can also ask your programme team to correct or restrict the use of your data, and you can complain to the data protection authority.',
          ],
        },
        {
          heading: 'Where it is stored and who is told',
          paragraphs: [
            'The data is stored in Azure Cosmos DB, in the Azure environment in which Digivaardig runs for your municipality. Several municipalities may share that environment, but each sees only its own data. Downloads, changes of settings, coach administration and who opened the organisation dashboard are written to an audit log (without answers or figures).',
          ],
        },
      ],
      other: { label: 'Terms of use', href: '/terms?lang=en' },
      language: { label: 'Nederlands', href: '/privacy?lang=nl' },
    };
  }
  return {
    title: 'Privacyverklaring Digivaardig',
    lead: 'Digivaardig is de Microsoft Teams-app die je gemeente gebruikt voor het programma digitale vaardigheden: een zelfscan in de chat, hulp van een digicoach en een tabblad voor leidinggevenden en het programmateam. Hier lees je wat de app over je bewaart, wie wat ziet, hoe lang we het bewaren en wat je zelf kunt doen.',
    sections: [
      {
        heading: 'Wie is verantwoordelijk',
        paragraphs: [
          'Je gemeente (je werkgever) bepaalt waarvoor en hoe Digivaardig wordt gebruikt en is verantwoordelijk voor je gegevens. Met vragen, verzoeken en klachten kun je terecht bij het programmateam digitale vaardigheden van je gemeente; je kunt ook de functionaris gegevensbescherming van je gemeente benaderen.',
        ],
      },
      {
        heading: 'Wat de app over je bewaart',
        items: [
          'Uit het personeelsoverzicht van je organisatie: je naam, team, afdeling, locatie, functieprofiel en leidinggevende, zodat de scan de goede vragen stelt en hulp uit de buurt komt.',
          'Je zelfscan: je antwoord op elke vraag, de niveaus per domein, je opleidingsadvies en de modules die je als gestart of afgerond markeert.',
          'Voor leidinggevenden: je antwoorden op de scan digitaal leiderschap en je profiel.',
          'Je hulpvragen: onderwerp, je vraag, hoe dringend, hoe en waar je geholpen wilt worden, de stappen met hun tijden, de afloop en je beoordeling.',
          'Voor digicoaches: je aanmelding (onderwerpen, werktijden, capaciteit, beschikbaarheid) en wat je deed met de hulpvragen die je kreeg.',
          'Je voorkeuren (of je herinneringen over de zelfscan wilt), hoeveel maandelijkse herinneringen je kreeg, en of de bot je een bericht in Teams kan sturen.',
        ],
      },
      {
        heading: 'Herinneringen over de zelfscan',
        paragraphs: [
          'Als je gemeente ze gebruikt, krijgt iedereen die de zelfscan nog niet deed op de eerste werkdag van elke maand een korte herinnering in de chat met Digivaardig; leidinggevenden krijgen cijfers over hun team (alleen aantallen). Een leidinggevende kan het team ook zelf een herinnering sturen, hooguit één keer per week. Geen enkele herinnering zegt wie de scan wel of niet deed.',
          `Je krijgt hooguit ${MAX_REMINDERS} van die maandelijkse herinneringen, in totaal. Om dat bij te houden, telt de app hoeveel herinneringen je kreeg; een herinnering die niet aankwam, telt niet mee. Die telling hoort bij je gegevens en verdwijnt als je je gegevens verwijdert.`,
          'Geen herinneringen meer? Typ „geen herinneringen” in de chat met Digivaardig, of zet ze uit bij „Mijn voortgang” in het tabblad. Die ene schakelaar stopt ze allemaal: de maandelijkse herinneringen (voor leidinggevenden ook het maandelijkse bericht over hun team) én de herinneringen van je leidinggevende; met „wel herinneringen” zet je ze weer aan. Verwijder je je gegevens, dan blijven uitgezette herinneringen uit.',
        ],
      },
      {
        heading: 'Wie ziet wat',
        items: [
          'Je eigen antwoorden en uitslagen: alleen jij. Niet je leidinggevende, niet het programmateam, niet HR.',
          `Je leidinggevende en het programmateam zien alleen cijfers over groepen van minstens ${k} collega’s (je gemeente kan dat aantal hoger zetten). Een cijfer dat samen met andere cijfers een kleinere groep zou verraden, tonen we ook niet. Ze zien nooit wie meedeed of wat iemand antwoordde.`,
          'De digicoach die je helpt, ziet je naam, je vraag en waar je bent, zolang die je helpt.',
          'Programmabeheerders zien welke digicoaches er zijn en hoe druk ze het hebben, nooit de vragen.',
        ],
      },
      {
        heading: 'Hoe lang we het bewaren',
        paragraphs: [
          'Je gemeente kan een bewaartermijn instellen van 1 tot 120 maanden. Elke dag verwijderen we de details die ouder zijn dan die termijn: je antwoord op elke scanvraag, je antwoorden op de leiderschapsscan (je profiel per thema blijft), scans die niet af zijn, en de vraag, plek en opmerking van afgeronde hulpvragen. Je niveaus en je advies blijven, zodat je je groei ziet; tellingen zonder namen blijven ook.',
          'Is er geen bewaartermijn ingesteld, dan bewaren we je gegevens tot je ze zelf verwijdert of je gemeente stopt met de app.',
        ],
      },
      {
        heading: 'Je rechten: inzien, downloaden, verwijderen',
        items: [
          'Inzien wat we bewaren: typ „mijn gegevens” in de chat met Digivaardig, of open „Mijn gegevens” in het tabblad van Digivaardig.',
          'Alles downloaden als één bestand (JSON) bij „Mijn gegevens” in het tabblad van Digivaardig (in de chat brengt „mijn gegevens” je erheen). Bij elk scanantwoord staan de vraag en het antwoord dat je koos.',
          'Verwijderen: je scans, antwoorden, uitslagen, modules, leiderschapsscan, je aanmelding als digicoach en je chatgegevens gaan weg; je hulpvragen houden alleen hun tijden en afloop, zonder je naam of vraag. Open hulpvragen worden eerst geannuleerd. Tellingen zonder namen blijven. Dit kun je niet terugdraaien.',
          'Je kunt het programmateam ook vragen je gegevens te verbeteren of het gebruik te beperken, en je kunt een klacht indienen bij de Autoriteit Persoonsgegevens (in België: de Gegevensbeschermingsautoriteit).',
        ],
      },
      {
        heading: 'Waar het staat en wie het bijhoudt',
        paragraphs: [
          'De gegevens staan in Azure Cosmos DB, in de Azure-omgeving waarin Digivaardig voor je gemeente draait. Meerdere gemeenten kunnen die omgeving delen, maar elke gemeente ziet alleen haar eigen gegevens. Downloads, wijzigingen van instellingen, het beheer van digicoaches en wie het organisatiedashboard opende, worden vastgelegd in een logboek (zonder antwoorden of cijfers).',
        ],
      },
    ],
    other: { label: 'Gebruiksvoorwaarden', href: '/terms' },
    language: { label: 'English', href: '/privacy?lang=en' },
  };
}

function termsPage(locale: Locale): Page {
  if (locale === 'en') {
    return {
      title: 'Digivaardig terms of use',
      lead: 'Digivaardig is offered by your municipality to its employees, as part of its programme for digital skills.',
      sections: [
        {
          heading: 'What the app is for',
          paragraphs: [
            'The self-scan and its advice are a starting point for your own development, not an assessment of your work. Results are never used to judge individual employees.',
          ],
        },
        {
          heading: 'Using it well',
          items: [
            'Ask digicoaches about everyday digital questions; for faults and access rights, the service desk remains the place to go.',
            'Do not put personal data of others or confidential information in a help question.',
            'Digicoaches help colleagues in their own working time, within the capacity they set.',
          ],
        },
        {
          heading: 'Availability',
          paragraphs: [
            'The municipality does its best to keep the app available but can change or stop it. Your data is handled as described in the privacy statement.',
          ],
        },
        {
          heading: 'Questions',
          paragraphs: ['Questions about the app go to your municipality’s programme team for digital skills.'],
        },
      ],
      other: { label: 'Privacy statement', href: '/privacy?lang=en' },
      language: { label: 'Nederlands', href: '/terms?lang=nl' },
    };
  }
  return {
    title: 'Gebruiksvoorwaarden Digivaardig',
    lead: 'Je gemeente biedt Digivaardig aan haar medewerkers aan, als onderdeel van het programma digitale vaardigheden.',
    sections: [
      {
        heading: 'Waar de app voor is',
        paragraphs: [
          'De zelfscan en het advies zijn een begin voor je eigen ontwikkeling, geen beoordeling van je werk. Uitslagen worden nooit gebruikt om individuele medewerkers te beoordelen.',
        ],
      },
      {
        heading: 'Goed gebruik',
        items: [
          'Stel digicoaches je dagelijkse digitale vragen; voor storingen en toegangsrechten blijft de servicedesk het adres.',
          'Zet geen persoonsgegevens van anderen of vertrouwelijke informatie in een hulpvraag.',
          'Digicoaches helpen collega’s in hun eigen werktijd, binnen de capaciteit die ze zelf instellen.',
        ],
      },
      {
        heading: 'Beschikbaarheid',
        paragraphs: [
          'De gemeente doet haar best om de app beschikbaar te houden, maar kan hem veranderen of stoppen. Met je gegevens gaan we om zoals in de privacyverklaring staat.',
        ],
      },
      {
        heading: 'Vragen',
        paragraphs: [
          'Met vragen over de app kun je terecht bij het programmateam digitale vaardigheden van je gemeente.',
        ],
      },
    ],
    other: { label: 'Privacyverklaring', href: '/privacy' },
    language: { label: 'English', href: '/terms?lang=en' },
  };
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A self-contained page: system fonts, light and dark, large enough text, visible focus. */
export function renderPage(page: Page, locale: Locale): string {
  const sections = page.sections
    .map((s) =>
      [
        `<section><h2>${escape(s.heading)}</h2>`,
        ...(s.paragraphs ?? []).map((p) => `<p>${escape(p)}</p>`),
        ...(s.items ? [`<ul>${s.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`] : []),
        '</section>',
      ].join(''),
    )
    .join('\n');
  return `<!doctype html>
<html lang="${locale === 'nl' ? 'nl-NL' : 'en-GB'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)}</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; font-size: 1.0625rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
a { color: LinkText; }
a:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
nav ul { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
</style>
</head>
<body>
<header><nav aria-label="${locale === 'nl' ? 'Andere pagina’s' : 'Other pages'}"><ul><li><a href="${page.language.href}" lang="${locale === 'nl' ? 'en' : 'nl'}">${escape(page.language.label)}</a></li><li><a href="${page.other.href}">${escape(page.other.label)}</a></li></ul></nav></header>
<main>
<h1>${escape(page.title)}</h1>
<p>${escape(page.lead)}</p>
${sections}
</main>
</body>
</html>
`;
}

/** Nothing but this page's own inline style may load; only Teams may frame it. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft";

export function registerLegalPages(server: restify.Server, deps: { anonymityThreshold: number }): void {
  const serve =
    (build: (locale: Locale) => Page) =>
    (req: restify.Request, res: restify.Response, next: (err?: unknown) => void) => {
      const locale = localeOf(req);
      const html = renderPage(build(locale), locale);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CSP,
        'cache-control': 'public, max-age=3600',
        vary: 'Accept-Language', // the language follows the header when there is no ?lang=
        'content-language': locale === 'nl' ? 'nl' : 'en',
      });
      res.end(html);
      next(false);
    };
  server.get(
    '/privacy',
    serve((locale) => privacyPage(locale, deps.anonymityThreshold)),
  );
  server.get('/terms', serve(termsPage));
}
