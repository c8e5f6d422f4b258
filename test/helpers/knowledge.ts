import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readKnowledgeSeeds } from '../../bot/domain/knowledge/load-knowledge';

const ROOT = path.resolve(__dirname, '..', '..');

/** The scan's domain ids: an article's topic must be one of them. */
export const DOMAIN_IDS: string[] = (
  JSON.parse(readFileSync(path.join(ROOT, 'seeds', 'scan', 'domains.json'), 'utf8')) as Array<{ id: string }>
).map((d) => d.id);

/** The shared starter set, as the app seeds it. */
export const starterKnowledge = () => readKnowledgeSeeds(path.join(ROOT, 'seeds', 'knowledge'), DOMAIN_IDS);

export interface LabelledQuestion {
  question: string;
  /** The right articles (any of them counts); [] for a question no article answers. */
  expected: string[];
}

export const labelledQuestions = (): LabelledQuestion[] =>
  JSON.parse(
    readFileSync(path.join(ROOT, 'test', 'fixtures', 'knowledge-questions.json'), 'utf8'),
  ) as LabelledQuestion[];
