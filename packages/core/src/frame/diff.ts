import { clientWording, type ContractBody } from './contract.js';

export type WordChange = { readonly op: 'same' | 'added' | 'removed'; readonly text: string };

export type SectionChange =
  | { readonly kind: 'added'; readonly title: string; readonly text: string }
  | { readonly kind: 'removed'; readonly title: string; readonly text: string }
  | { readonly kind: 'changed'; readonly title: string; readonly words: readonly WordChange[] };

export interface ContractDiff {
  readonly settingsBefore: readonly string[];
  readonly settingsAfter: readonly string[];
  readonly audienceChanged: boolean;
  readonly sections: readonly SectionChange[];
}

/** Word-level difference by longest common subsequence; clause texts are short, so O(n·m) is fine. */
export function diffWords(before: string, after: string): WordChange[] {
  // A token is a word with the space after it, so shared spaces never split a change in two.
  const a = before.match(/\S+\s*/g) ?? [];
  const b = after.match(/\S+\s*/g) ?? [];
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] ?? [];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: WordChange[] = [];
  const push = (op: WordChange['op'], text: string): void => {
    const last = out.at(-1);
    if (last?.op === op) out[out.length - 1] = { op, text: last.text + text };
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ai = a[i] ?? '';
    const bj = b[j] ?? '';
    if (ai === bj) {
      push('same', ai);
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      push('removed', ai);
      i++;
    } else {
      push('added', bj);
      j++;
    }
  }
  for (; i < n; i++) push('removed', a[i] ?? '');
  for (; j < m; j++) push('added', b[j] ?? '');
  return readable(out);
}

/** Between two unchanged stretches, show everything removed, then everything added: easier to read than word by word. */
function readable(changes: readonly WordChange[]): WordChange[] {
  const out: WordChange[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed) out.push({ op: 'removed', text: removed });
    if (added) out.push({ op: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const c of changes) {
    if (c.op === 'same') {
      flush();
      out.push(c);
    } else if (c.op === 'removed') removed += c.text;
    else added += c.text;
  }
  flush();
  return out;
}

/**
 * What changed between two versions, in the words the client reads, so they
 * can see exactly what they are being asked to agree to again.
 */
export function diffContracts(before: ContractBody, after: ContractBody): ContractDiff {
  const old = new Map(before.sections.map((s) => [s.topic + '|' + s.clauseId, s]));
  const byTopicOld = new Map(before.sections.map((s) => [s.topic, s]));
  const sections: SectionChange[] = [];
  const matched = new Set<string>();
  for (const s of after.sections) {
    const prev = old.get(s.topic + '|' + s.clauseId) ?? byTopicOld.get(s.topic);
    const text = clientWording(after, s);
    if (!prev) {
      sections.push({ kind: 'added', title: s.title, text });
      continue;
    }
    matched.add(prev.topic + '|' + prev.clauseId);
    const prevText = clientWording(before, prev);
    if (prevText !== text || prev.title !== s.title) {
      sections.push({ kind: 'changed', title: s.title, words: diffWords(prevText, text) });
    }
  }
  for (const s of before.sections) {
    if (!matched.has(s.topic + '|' + s.clauseId)) {
      sections.push({ kind: 'removed', title: s.title, text: clientWording(before, s) });
    }
  }
  return {
    settingsBefore: before.settings,
    settingsAfter: after.settings,
    audienceChanged: before.audience !== after.audience,
    sections,
  };
}
