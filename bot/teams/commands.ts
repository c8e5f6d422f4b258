/** Typed words the bot understands, Dutch first, English second. */
export type Command =
  | 'hello'
  | 'menu'
  | 'scan'
  | 'result'
  | 'modules'
  | 'events'
  | 'help'
  | 'becomeCoach'
  | 'available'
  | 'unavailable'
  | 'myTickets'
  | 'myCoaches'
  | 'myData'
  | 'leadership'
  | 'remindersOff'
  | 'remindersOn';

const WORDS: Record<string, Command> = {
  hallo: 'hello',
  hoi: 'hello',
  hi: 'hello',
  hello: 'hello',
  hey: 'hello',
  start: 'hello',
  welkom: 'hello',
  dag: 'hello',
  menu: 'menu',
  '?': 'menu',
  'wat kan ik doen': 'menu',
  'what can i do': 'menu',
  scan: 'scan',
  zelfscan: 'scan',
  'self-scan': 'scan',
  'start scan': 'scan',
  'start de scan': 'scan',
  resultaat: 'result',
  uitslag: 'result',
  result: 'result',
  results: 'result',
  'mijn resultaat': 'result',
  'mijn uitslag': 'result',
  'my result': 'result',
  // "Mijn voortgang" is the tab's name for the same figures; people type it in the chat too.
  voortgang: 'result',
  'mijn voortgang': 'result',
  progress: 'result',
  'my progress': 'result',
  modules: 'modules',
  advies: 'modules',
  opleidingsadvies: 'modules',
  advice: 'modules',
  'mijn advies': 'modules',
  'my advice': 'modules',
  activiteiten: 'events',
  activiteit: 'events',
  workshops: 'events',
  workshop: 'events',
  events: 'events',
  'mijn activiteiten': 'events',
  'my events': 'events',
  hulp: 'help',
  help: 'help',
  digicoach: 'help',
  'vraag een digicoach': 'help',
  'ask a digicoach': 'help',
  'ik heb een vraag': 'help',
  'i have a question': 'help',
  'word digicoach': 'becomeCoach',
  'become digicoach': 'becomeCoach',
  'become a digicoach': 'becomeCoach',
  beschikbaar: 'available',
  available: 'available',
  'niet beschikbaar': 'unavailable',
  unavailable: 'unavailable',
  'not available': 'unavailable',
  'mijn tickets': 'myTickets',
  'mijn hulpvragen': 'myTickets',
  tickets: 'myTickets',
  'my tickets': 'myTickets',
  'my help requests': 'myTickets',
  'wie is mijn digicoach': 'myCoaches',
  'wie is mijn digicoach?': 'myCoaches',
  'who is my digicoach?': 'myCoaches',
  'wie zijn mijn digicoaches': 'myCoaches',
  'mijn digicoach': 'myCoaches',
  'mijn digicoaches': 'myCoaches',
  'my digicoach': 'myCoaches',
  'my digicoaches': 'myCoaches',
  'who is my digicoach': 'myCoaches',
  'mijn gegevens': 'myData',
  'my data': 'myData',
  gegevens: 'myData',
  leiderschapsscan: 'leadership',
  'scan digitaal leiderschap': 'leadership',
  leiderschap: 'leadership',
  'leadership scan': 'leadership',
  leadership: 'leadership',
  'geen herinneringen': 'remindersOff',
  'herinneringen uit': 'remindersOff',
  'no reminders': 'remindersOff',
  'reminders off': 'remindersOff',
  'wel herinneringen': 'remindersOn',
  'herinneringen aan': 'remindersOn',
  'reminders on': 'remindersOn',
};

/** Strips Teams mention markup and punctuation; null when the text is not a command (or not text at all). */
export function parseCommand(raw: unknown): Command | null {
  if (typeof raw !== 'string' || !raw || raw.length > 1000) return null;
  const cleaned = raw
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .toLowerCase()
    .replace(/[.!,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length > 40) return null;
  return Object.hasOwn(WORDS, cleaned) ? WORDS[cleaned] : null;
}
