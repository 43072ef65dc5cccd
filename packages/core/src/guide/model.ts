/**
 * The guide's shapes: chapters of questions, each answered in six fixed parts,
 * with citations that resolve in one bibliography. Pure data, no I/O: the
 * server reads the Markdown files and hands their parts to `parseGuideQuestion`.
 */

/**
 * The relationship signals a question can help with. The analytics raise these
 * signals for an episode; the guide links each to its answers.
 */
export const SIGNAL_TYPES = [
  'rupture',
  'stuck',
  'not-on-track',
  'divergence',
  'unplanned-ending',
  'boundary-event',
] as const;

export type SignalType = (typeof SIGNAL_TYPES)[number];

/** Narrows a string (a route parameter, a front-matter value) to a signal type. */
export const isSignalType = (value: string): value is SignalType => (SIGNAL_TYPES as readonly string[]).includes(value);

/** Every answer has these parts, as `##` headings, in this order. */
export const GUIDE_SECTIONS = [
  'Short answer',
  'The longer answer',
  'In practice',
  'What the research says',
  'Personal reflection',
  'Ideas for research',
] as const;

export type GuideSectionTitle = (typeof GUIDE_SECTIONS)[number];

/** Limits from issue 8: a short answer a trainee can read in a breath, a body with substance. */
export const GUIDE_LIMITS = {
  shortAnswerMaxWords: 80,
  bodyMinWords: 250,
} as const;

/**
 * Path segments the guide's own pages use, so no chapter or question may take
 * them as its id (`/guide/search`, `/guide/:chapter/print`, …).
 */
export const RESERVED_GUIDE_IDS: readonly string[] = ['search', 'search.json', 'references', 'signal', 'print'];

export interface GuideChapter {
  /** The folder name and URL segment, e.g. `ruptures-and-repair`. */
  readonly id: string;
  readonly title: string;
  /** Reading order, 1 first. */
  readonly order: number;
  /** One sentence shown on the guide's home page. */
  readonly intro: string;
}

/** One bibliography entry. `label` is the short in-text form, e.g. `Flückiger et al. 2018`. */
export interface Citation {
  readonly key: string;
  readonly label: string;
  readonly reference: string;
  /** Whether the fact sheet marks the details as checked in full or only in part. */
  readonly verified: 'yes' | 'partly';
}

/** Citation keys to entries. */
export type Bibliography = ReadonlyMap<string, Citation>;

export interface GuideSection {
  readonly title: GuideSectionTitle;
  /** The section's Markdown, without its heading; citations still as `[@key]`. */
  readonly markdown: string;
}

export interface GuideQuestion {
  readonly id: string;
  readonly chapter: string;
  /** Order within the chapter, 1 first. */
  readonly order: number;
  /** The question as a trainee might ask it; the page title. */
  readonly question: string;
  readonly tags: readonly string[];
  readonly signals: readonly SignalType[];
  /** Every key cited in the body, each once. */
  readonly citations: readonly string[];
  /** Ids of questions worth reading next, in the author's order. */
  readonly related: readonly string[];
  /** When the answer was last reviewed, as `YYYY-MM-DD`. */
  readonly reviewed: string;
  /** The six parts, in `GUIDE_SECTIONS` order. */
  readonly sections: readonly GuideSection[];
}

/** The whole guide, ordered: chapters by `order`, questions by chapter then `order`. */
export interface Guide {
  readonly chapters: readonly GuideChapter[];
  readonly questions: readonly GuideQuestion[];
  readonly bibliography: Bibliography;
}

/** A problem found in the guide's content, named by file so an author can fix it. */
export interface GuideProblem {
  readonly path: string;
  readonly message: string;
}
