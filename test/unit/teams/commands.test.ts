import assert from 'node:assert/strict';
import { parseCommand } from '../../../bot/teams/commands';

describe('typed commands', () => {
  const cases: Array<[string, string | null]> = [
    ['scan', 'scan'], ['Scan!', 'scan'], ['  SCAN  ', 'scan'],
    ['hulp', 'help'], ['help', 'help'], ['digicoach', 'help'],
    ['resultaat', 'result'], ['result', 'result'], ['modules', 'modules'],
    ['word digicoach', 'becomeCoach'], ['beschikbaar', 'available'], ['niet beschikbaar', 'unavailable'],
    ['mijn tickets', 'myTickets'], ['my tickets', 'myTickets'], ['mijn gegevens', 'myData'], ['my data', 'myData'],
    ['hallo', 'hello'], ['Hoi.', 'hello'],
    ['geen herinneringen', 'remindersOff'], ['Geen herinneringen!', 'remindersOff'], ['no reminders', 'remindersOff'],
    ['wel herinneringen', 'remindersOn'], ['reminders on', 'remindersOn'],
    ['<at>Digivaardig</at> scan', 'scan'],
    ['wat is het weer', null], ['', null], ['scan'.repeat(20), null],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected ?? 'no command'}`, () => {
      assert.equal(parseCommand(input), expected);
    });
  }
});
