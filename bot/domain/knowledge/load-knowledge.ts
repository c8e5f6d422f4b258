import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type KnowledgeContent, parseArticles, parseSynonyms } from './article';

/** The shared starter set from seeds/knowledge; its version is a hash of the files, so any edit is a new version. */
export function readKnowledgeSeeds(dir: string, domains: readonly string[]): KnowledgeContent & { version: string } {
  const articlesText = readFileSync(path.join(dir, 'articles.json'), 'utf8');
  const synonymsText = readFileSync(path.join(dir, 'synonyms.json'), 'utf8');
  const version = createHash('sha256')
    .update(articlesText)
    .update('\n')
    .update(synonymsText)
    .digest('hex')
    .slice(0, 12);
  return {
    version,
    articles: parseArticles(JSON.parse(articlesText), 'shared', domains),
    synonyms: parseSynonyms(JSON.parse(synonymsText)),
  };
}
