import assert from 'node:assert/strict';
import { typedQuestion } from '../../../bot/teams/features/knowledge-feature';

describe('a question typed after "hulp"', () => {
  it('is read from "hulp <vraag>" and "help <question>", also with a colon or a mention', () => {
    assert.equal(typedQuestion('hulp mijn paswoord vergeten'), 'mijn paswoord vergeten');
    assert.equal(typedQuestion('Help: how do I  share a file?'), 'how do I share a file?');
    assert.equal(typedQuestion('<at>Digivaardig</at> hulp waar is mijn loonfiche'), 'waar is mijn loonfiche');
  });

  it('is no question for the bare command, other words, or more than the form takes', () => {
    assert.equal(typedQuestion('hulp'), null);
    assert.equal(typedQuestion('hulpje nodig'), null);
    assert.equal(typedQuestion('mijn wachtwoord verloopt'), null);
    assert.equal(typedQuestion(`hulp ${'x'.repeat(201)}`), null);
    assert.equal(typedQuestion(undefined), null);
  });
});
