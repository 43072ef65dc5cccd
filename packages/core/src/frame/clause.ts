import { fail, ok, type Result } from '../errors.js';
import {
  isAudience,
  isPlaceholder,
  isSetting,
  isTopic,
  type Audience,
  type Placeholder,
  type Setting,
  type Topic,
} from './frame.js';

/** One clause of the library: standard wording for adults, plain words for young people and children. */
export interface Clause {
  readonly id: string;
  readonly topic: Topic;
  readonly title: string;
  readonly settings: readonly Setting[];
  readonly audiences: readonly Audience[];
  readonly version: number;
  /** Offered where it fits (e.g. counselling in a school), never required. */
  readonly optional: boolean;
  /** Citation keys of the guide's bibliography the clause draws on. */
  readonly sources: readonly string[];
  readonly text: { readonly standard: string; readonly plain: string };
}

/** Does the clause belong in a contract for these settings and this audience? */
export function clauseApplies(clause: Clause, settings: readonly Setting[], audience: Audience): boolean {
  return clause.audiences.includes(audience) && clause.settings.some((s) => settings.includes(s));
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Fills `{{name}}` placeholders; callers check first that every one has a value. */
export function fillPlaceholders(text: string, values: Readonly<Partial<Record<Placeholder, string>>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? (values[name] ?? whole) : whole));
}

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

/**
 * Checks a clause as read from the library or edited by a practice: known
 * topic, settings and audiences, both wordings present, only known placeholders.
 */
export function parseClause(raw: {
  readonly id: unknown;
  readonly topic: unknown;
  readonly title: unknown;
  readonly settings: unknown;
  readonly audiences: unknown;
  readonly version: unknown;
  readonly optional?: unknown;
  readonly sources?: unknown;
  readonly standard: unknown;
  readonly plain: unknown;
}): Result<Clause> {
  const problems: Record<string, string> = {};
  const id = typeof raw.id === 'string' && /^[a-z0-9-]+$/.test(raw.id) ? raw.id : null;
  if (!id) problems['id'] = 'A clause id is lower-case letters, digits and hyphens.';
  const topic = typeof raw.topic === 'string' && isTopic(raw.topic) ? raw.topic : null;
  if (!topic) problems['topic'] = `Unknown topic “${String(raw.topic)}”.`;
  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  if (title === '' || title.length > 120) problems['title'] = 'A title of 1 to 120 characters is needed.';
  const settings = stringList(raw.settings)?.filter(isSetting) ?? [];
  if (settings.length === 0 || settings.length !== (stringList(raw.settings)?.length ?? -1)) {
    problems['settings'] = 'Settings must be one or more of in-person, telephone, video, text.';
  }
  const audiences = stringList(raw.audiences)?.filter(isAudience) ?? [];
  if (audiences.length === 0 || audiences.length !== (stringList(raw.audiences)?.length ?? -1)) {
    problems['audiences'] = 'Audiences must be one or more of adult, young-person, child.';
  }
  const version = typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > 0 ? raw.version : 0;
  if (version === 0) problems['version'] = 'A version is a whole number from 1.';
  const standard = typeof raw.standard === 'string' ? raw.standard.trim() : '';
  const plain = typeof raw.plain === 'string' ? raw.plain.trim() : '';
  if (standard === '') problems['standard'] = 'The standard wording is missing.';
  if (plain === '') problems['plain'] = 'The plain-words wording is missing.';
  if (standard.length > 4000 || plain.length > 4000) problems['standard'] = 'A clause holds at most 4,000 characters.';
  const unknown = [...placeholdersIn(standard), ...placeholdersIn(plain)].filter((p) => !isPlaceholder(p));
  if (unknown.length > 0) problems['standard'] = `Unknown placeholders: ${unknown.map((p) => `{{${p}}}`).join(', ')}.`;
  const sources = raw.sources === undefined ? [] : stringList(raw.sources);
  if (sources === null) problems['sources'] = 'Sources are a list of citation keys.';
  if (Object.keys(problems).length > 0 || !id || !topic || sources === null) {
    return fail('invalid-input', 'This clause has problems.', problems);
  }
  return ok({
    id,
    topic,
    title,
    settings,
    audiences,
    version,
    optional: raw.optional === true,
    sources,
    text: { standard, plain },
  });
}
