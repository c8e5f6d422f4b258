import assert from 'node:assert/strict';
import { parseCommand } from '../../../bot/teams/commands';

describe('typed commands', () => {
  const cases: Array<[string, string | null]> = [
    ['scan', 'scan'],
    ['Scan!', 'scan'],
    ['  SCAN  ', 'scan'],
    ['hulp', 'help'],
    ['help', 'help'],
    ['digicoach', 'help'],
    ['resultaat', 'result'],
    ['result', 'result'],
    ['modules', 'modules'],
    ['Mijn voortgang', 'result'],
    ['my progress', 'result'],
    ['mijn advies', 'modules'],
    ['Ik heb een vraag.', 'help'],
    ['word digicoach', 'becomeCoach'],
    ['beschikbaar', 'available'],
    ['niet beschikbaar', 'unavailable'],
    ['mijn tickets', 'myTickets'],
    ['my tickets', 'myTickets'],
    ['mijn gegevens', 'myData'],
    ['my data', 'myData'],
    ['hallo', 'hello'],
    ['Hoi.', 'hello'],
    ['geen herinneringen', 'remindersOff'],
    ['Geen herinneringen!', 'remindersOff'],
    ['no reminders', 'remindersOff'],
    ['wel herinneringen', 'remindersOn'],
    ['reminders on', 'remindersOn'],
    ['<at>Digivaardig</at> scan', 'scan'],
    ['wat is het weer', null],
    ['', null],
    ['scan'.repeat(20), null],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected ?? 'no command'}`, () => {
      assert.equal(parseCommand(input), expected);
    });
  }
});

describe('typed commands from an activity whose text is not ordinary text', () => {
  const cases: Array<[string, unknown]> = [
    ['an object', { a: 1 }],
    ['a number', 5],
    ['an array', ['scan']],
    ['true', true],
    ['null', null],
    ['undefined', undefined],
    // Words that are properties of every object, not commands.
    ['"constructor"', 'constructor'],
    ['"__proto__"', '__proto__'],
    ['"toString"', 'toString'],
    // Long text is never a command and is not worked through mention by mention.
    ['thousands of unclosed mentions', '<at>'.repeat(60_000)],
  ];
  for (const [what, input] of cases) {
    it(`reads ${what} as no command, without throwing`, () => {
      assert.equal(parseCommand(input), null);
    });
  }

  // Long input is refused before any pattern runs, so no text can make the parser slow.
  it('refuses a command padded past the length limit before reading its mentions', () => {
    const command = '<at>Digivaardig</at> scan';
    assert.equal(parseCommand(command), 'scan');
    assert.equal(parseCommand(command + ' '.repeat(1000)), null);
  });
});
