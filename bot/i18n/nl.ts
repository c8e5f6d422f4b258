/** Dutch (nl-NL, also right for nl-BE): the first language. Plain language, B1 level. */
export const nl = {
  'app.name': 'Digivaardig',
  'welcome.title': 'Welkom bij Digivaardig{name}',
  'welcome.body':
    'Met Digivaardig ontdek je in ongeveer 15 minuten hoe digitaal vaardig je bent. Je krijgt een persoonlijk opleidingsadvies. Loop je vast met iets digitaals? Typ **hulp** en een digicoach uit je buurt helpt je.',
  'welcome.privacy':
    'Wie ziet wat? Jouw antwoorden zijn alleen van jou. Je leidinggevende en het programmateam zien alleen cijfers over groepen van minstens {threshold} mensen, nooit jouw antwoorden.',
  'welcome.unknownTeam': 'We kennen je team nog niet. Je kunt alles gewoon gebruiken.',
  'action.startScan': 'Start de scan',
  'action.askCoach': 'Vraag een digicoach',
  'action.menu': 'Wat kan ik doen?',
  'menu.title': 'Wat wil je doen?',
  'menu.intro': 'Ik begreep je niet helemaal. Kies hieronder of typ een van deze woorden:',
  'menu.commands':
    '- **scan**: doe de digitale zelfscan\n- **resultaat**: bekijk je uitslag\n- **modules**: je opleidingsadvies\n- **hulp**: vraag een digicoach\n- **mijn tickets**: je hulpvragen\n- **mijn gegevens**: wat we van je bewaren',
  'menu.coachCommands': 'Voor digicoaches: **beschikbaar**, **niet beschikbaar**, **word digicoach**',
  'notYet.title': 'Komt binnenkort',
  'notYet.body': '"{command}" kan nog niet. We werken eraan. Typ **scan** of kies hieronder.',
  'error.title': 'Dat lukte niet',
  'error.body': 'Er ging iets mis aan onze kant. Probeer het zo nog eens. Blijft het misgaan? Meld het bij je programmateam (code {ref}).',
  'error.badInput': 'Dat lukte niet. Deze knop of dit bericht hoort niet (meer) bij jouw gesprek. Er is niets veranderd.',
  'error.conflict': 'Dit is net al afgehandeld. Er is niets veranderd.',
  'error.unknownAction': 'Die actie ken ik niet. Er is niets veranderd.',
  'error.unauthenticated': 'Je bent niet (meer) aangemeld. Open de app opnieuw.',
  'error.forbidden': 'Dit mag je niet bekijken.',
  'error.notFound': 'Dat bestaat niet (meer).',
  'error.invalidRequest': 'Dit verzoek klopt niet. Er is niets veranderd.',
  'tenant.refused':
    'Digivaardig is nog niet beschikbaar voor jouw organisatie. Vraag je IT-afdeling of programmateam om de app aan te zetten. We hebben niets van je bewaard.',
} as const;

export type MessageKey = keyof typeof nl;
