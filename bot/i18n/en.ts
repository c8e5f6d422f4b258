import type { MessageKey } from './nl';

/** English: the second language. */
export const en: Record<MessageKey, string> = {
  'app.name': 'Digivaardig',
  'welcome.title': 'Welcome to Digivaardig{name}',
  'welcome.body':
    'Digivaardig helps you find out in about 15 minutes how digitally skilled you are. You get a personal training advice. Stuck with something digital? Type **help** and a digicoach near you will help.',
  'welcome.privacy':
    'Who sees what? Your answers are yours alone. Your leader and the programme team only see numbers for groups of at least {threshold} people, never your answers.',
  'welcome.unknownTeam': "We don't know your team yet. You can still use everything.",
  'action.startScan': 'Start the scan',
  'action.askCoach': 'Ask a digicoach',
  'action.menu': 'What can I do?',
  'menu.title': 'What would you like to do?',
  'menu.intro': "I didn't quite understand. Choose below or type one of these words:",
  'menu.commands':
    '- **scan**: take the digital self-scan\n- **result**: see your result\n- **modules**: your training advice\n- **help**: ask a digicoach\n- **my tickets**: your help requests\n- **my data**: what we keep about you',
  'menu.coachCommands': 'For digicoaches: **available**, **unavailable**, **become digicoach**',
  'notYet.title': 'Coming soon',
  'notYet.body': '"{command}" is not available yet. We are working on it. Type **scan** or choose below.',
  'error.title': "That didn't work",
  'error.body': 'Something went wrong on our side. Please try again in a moment. If it keeps failing, tell your programme team (code {ref}).',
  'error.badInput': "That didn't work. This button or message does not belong (any more) to your conversation. Nothing was changed.",
  'error.conflict': 'This was just handled already. Nothing was changed.',
  'error.unknownAction': "I don't know that action. Nothing was changed.",
  'error.unauthenticated': 'You are not signed in (any more). Open the app again.',
  'error.forbidden': 'You may not see this.',
  'error.notFound': 'That does not exist (any more).',
  'error.invalidRequest': 'This request is not valid. Nothing was changed.',
  'tenant.refused':
    "Digivaardig is not yet available for your organisation. Ask your IT department or programme team to enable the app. We haven't stored anything about you.",
};
