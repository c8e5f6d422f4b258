/**
 * The bot's personal-scope command menu, in both languages.
 *
 * manifest.json (nl-NL, the default language) and en-us.json carry these same
 * texts; a unit test keeps the three in step. The bot can import this list to
 * recognise a command typed or tapped in either language: Teams sends the
 * title exactly as shown in the user's menu.
 */

import type { Command } from '../bot/teams/commands';

/**
 * The commands in the Teams menu (at most 10): what the bot knows except greetings, the menu
 * itself, the leaders' scan (a tab) and switching reminders back on (the reminders say how).
 */
export type BotCommandId = Exclude<Command, 'hello' | 'menu' | 'leadership' | 'remindersOn'>;

export interface CommandText {
  title: string;
  description: string;
}

export interface BotCommand {
  id: BotCommandId;
  nl: CommandText;
  en: CommandText;
}

/** In menu order; index i is bots[0].commandLists[0].commands[i] in the manifest. */
export const BOT_COMMANDS: readonly BotCommand[] = [
  {
    id: 'scan',
    nl: { title: 'scan', description: 'Start of hervat je zelfscan digitale vaardigheden' },
    en: { title: 'scan', description: 'Start or resume your digital-skills self-scan' },
  },
  {
    id: 'result',
    nl: { title: 'resultaat', description: 'Bekijk je uitslag en je opleidingsadvies' },
    en: { title: 'result', description: 'See your result and your learning advice' },
  },
  {
    id: 'modules',
    nl: { title: 'modules', description: 'Je geadviseerde leermodules en je voortgang' },
    en: { title: 'modules', description: 'Your advised learning modules and your progress' },
  },
  {
    id: 'help',
    nl: { title: 'hulp', description: 'Stel je vraag aan een digicoach bij jou in de buurt' },
    en: { title: 'help', description: 'Ask a digicoach near you for help' },
  },
  {
    id: 'becomeCoach',
    nl: { title: 'word digicoach', description: 'Meld je aan als digicoach voor je collega’s' },
    en: { title: 'become digicoach', description: 'Sign up as a digicoach for your colleagues' },
  },
  {
    id: 'available',
    nl: { title: 'beschikbaar', description: 'Digicoach: ontvang weer hulpvragen' },
    en: { title: 'available', description: 'Digicoach: receive help requests again' },
  },
  {
    id: 'unavailable',
    nl: { title: 'niet beschikbaar', description: 'Digicoach: pauzeer nieuwe hulpvragen' },
    en: { title: 'unavailable', description: 'Digicoach: pause new help requests' },
  },
  {
    id: 'myTickets',
    nl: { title: 'mijn hulpvragen', description: 'Digicoach: je openstaande hulpvragen' },
    en: { title: 'my help requests', description: 'Digicoach: your open help requests' },
  },
  {
    id: 'myData',
    nl: { title: 'mijn gegevens', description: 'Bekijk, download of verwijder je gegevens' },
    en: { title: 'my data', description: 'View, download or delete your data' },
  },
  {
    id: 'remindersOff',
    nl: { title: 'geen herinneringen', description: 'Geen herinneringen meer over de zelfscan' },
    en: { title: 'no reminders', description: 'Stop reminders about the self-scan' },
  },
];
