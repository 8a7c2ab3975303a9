/**
 * Public test collections with relevance judgments for bench/kb-relevance.ts, built from pinned commits
 * of public GitHub repositories into a cache outside the repository (their data is not redistributed
 * here). Neither is StackExchange-derived: a StackExchange FAQ set is kept aside for an independent
 * check of the ranking.
 *
 * - covid-faq: 67 COVID-19 FAQ answers (title = the FAQ question, body = the answer) and the 1,387
 *   questions real users typed for them, paraphrased, misspelt and chatty ("what is coronavirus in
 *   cats", "How do I safely go grocery shopping without bring back germs"), each judged relevant to one
 *   or more answers. From ML-Recipes/BERT-FAQ (MIT), data/CovidFAQ/query_answer_pairs.json, gathered by
 *   Poliak et al., "Collecting Verified COVID-19 Question Answer Pairs" (NLP COVID-19 Workshop 2020).
 * - cranfield: the classic Cranfield 1400 collection (aerodynamics abstracts, 225 queries, graded
 *   judgments by Cleverdon: 1 complete answer … 4 minimum interest), from DrDesignX/Simple_IR.
 *
 *   npx tsx bench/relevance/collections.ts [--source /work/.mirror] [--cache DIR]
 *
 * --source holds the repositories as git directories: `<owner>+<name>/repo` (what the session's fetch
 * tool brings) or `<owner>/<name>` (a `git clone --mirror https://github.com/<owner>/<name>`).
 * The cache defaults to $XDG_CACHE_HOME/bfg2-support/relevance (~/.cache/…).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface Article {
  id: string;
  title: string;
  body: string;
}

export interface Query {
  id: string;
  text: string;
  /** Relevant article ids with their gain (higher is more relevant). */
  relevant: Record<string, number>;
}

export interface Collection {
  name: string;
  source: string;
  /** Questions asked in the users' own words about answers written by others. */
  paraphrased: boolean;
  articles: Article[];
  queries: Query[];
}

export const COLLECTIONS = ['covid-faq', 'cranfield'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

const PINNED = {
  'covid-faq': { repo: 'ML-Recipes/BERT-FAQ', commit: '3c184030c1819b462e29f665465ab4968657440e' },
  cranfield: { repo: 'DrDesignX/Simple_IR', commit: 'e18aea0dd1761074e1721675f51f251f368cd808' },
} as const;

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(base, 'bfg2-support', 'relevance');
}

/** The cached collection; throws with the command that builds it when it is missing. */
export function loadCollection(name: CollectionName, dir = cacheDir()): Collection {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build it with npx tsx bench/relevance/collections.ts`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Collection;
}

function gitDir(source: string, repo: string): string {
  const [owner, name] = repo.split('/') as [string, string];
  for (const candidate of [path.join(source, `${owner}+${name}`, 'repo'), path.join(source, owner, name)]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${repo} not found under ${source} (fetch or git clone --mirror it there)`);
}

function show(source: string, name: CollectionName, file: string): string {
  const { repo, commit } = PINNED[name];
  return execFileSync('git', ['--git-dir', gitDir(source, repo), 'show', `${commit}:${file}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface CovidPair {
  query_type: 'faq' | 'user_query';
  question: string;
  answer: string;
}

function buildCovidFaq(source: string): Collection {
  const pairs = JSON.parse(show(source, 'covid-faq', 'data/CovidFAQ/query_answer_pairs.json')) as CovidPair[];
  const answers = new Map<string, { id: string; title: string | null }>();
  for (const p of pairs) {
    const body = p.answer.trim();
    const known = answers.get(body) ?? { id: `a${answers.size + 1}`, title: null };
    if (p.query_type === 'faq' && known.title === null) known.title = p.question.trim();
    answers.set(body, known);
  }
  const queries = new Map<string, Query>();
  for (const p of pairs) {
    if (p.query_type !== 'user_query') continue;
    const text = p.question.replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase();
    if (!text) continue;
    const q = queries.get(key) ?? { id: `q${queries.size + 1}`, text, relevant: {} };
    q.relevant[answers.get(p.answer.trim())!.id] = 1;
    queries.set(key, q);
  }
  return {
    name: 'covid-faq',
    source: `github.com/${PINNED['covid-faq'].repo}@${PINNED['covid-faq'].commit} data/CovidFAQ`,
    paraphrased: true,
    articles: [...answers].map(([body, a]) => ({
      id: a.id,
      title: a.title ?? body.split(/(?<=[.?!])\s/)[0]!.slice(0, 200),
      body,
    })),
    queries: [...queries.values()],
  };
}

/** Fields of the SMART-format files: `.I n` starts a record, `.X` a field. */
function smartRecords(text: string): { id: string; fields: Record<string, string> }[] {
  const records: { id: string; fields: Record<string, string> }[] = [];
  let field = '';
  for (const line of text.split('\n')) {
    const start = /^\.I\s+(\d+)/.exec(line);
    if (start) {
      records.push({ id: String(Number(start[1])), fields: {} });
      field = '';
      continue;
    }
    const marker = /^\.([A-Z])\s*$/.exec(line);
    if (marker) {
      field = marker[1]!;
      continue;
    }
    const r = records[records.length - 1];
    if (r && field) r.fields[field] = `${r.fields[field] ?? ''} ${line}`;
  }
  return records;
}

const tidy = (s: string | undefined) =>
  (s ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,])/g, '$1')
    .trim();

function buildCranfield(source: string): Collection {
  const docs = smartRecords(show(source, 'cranfield', 'cran.all.1400'));
  // Queries are numbered 1..225 in the judgments, in file order (the .I numbers skip).
  const queries: Query[] = smartRecords(show(source, 'cranfield', 'cran.qry')).map((r, i) => ({
    id: String(i + 1),
    text: tidy(r.fields.W),
    relevant: {},
  }));
  for (const line of show(source, 'cranfield', 'cranqrel').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    // Codes 1 (complete answer) … 4 (minimum interest); -1 is not a judgment of relevance.
    if (q && d && code && code >= 1 && code <= 4) queries[q - 1]!.relevant[String(d)] = 5 - code;
  }
  return {
    name: 'cranfield',
    source: `github.com/${PINNED.cranfield.repo}@${PINNED.cranfield.commit} cran.all.1400, cran.qry, cranqrel`,
    paraphrased: false,
    articles: docs.map((r) => ({
      id: r.id,
      title: tidy(r.fields.T) || `Document ${r.id}`,
      // The abstract repeats the title first.
      body: tidy(r.fields.W),
    })),
    queries: queries.filter((q) => Object.keys(q.relevant).length > 0),
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string) =>
    argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined;
  const source = opt('source') ?? '/work/.mirror';
  const dir = opt('cache') ?? cacheDir();
  mkdirSync(dir, { recursive: true });
  for (const c of [buildCovidFaq(source), buildCranfield(source)]) {
    writeFileSync(path.join(dir, `${c.name}.json`), JSON.stringify(c));
    process.stdout.write(
      `${c.name}: ${c.articles.length} articles, ${c.queries.length} queries → ${path.join(dir, c.name)}.json\n`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
