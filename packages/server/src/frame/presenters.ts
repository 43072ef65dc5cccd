import {
  AUDIENCES,
  AUDIENCE_LABELS,
  PLACEHOLDER_LABELS,
  PLACEHOLDERS,
  SETTINGS,
  SETTING_LABELS,
  SETTING_TOPICS,
  clientWording,
  diffContracts,
  placeholdersIn,
  requiredTopics,
  type Clause,
  type ContractBody,
  type ContractDraft,
  type ContractProblems,
  type ContractVersion,
} from '@rapport/core';
import type {
  AgreementSummaryView,
  ContractEditorView,
  ContractSectionView,
  ContractVersionRow,
  DiffView,
} from '@rapport/web';

/** Sections as the client reads them; young people can open the fuller wording too. */
export function presentSections(body: ContractBody): ContractSectionView[] {
  return body.sections.map((s) => ({
    title: s.title,
    text: clientWording(body, s),
    fuller: body.audience === 'adult' || s.plain === s.standard ? undefined : s.standard,
  }));
}

export function presentDiff(before: ContractVersion, after: ContractVersion): DiffView {
  const d = diffContracts(before.body, after.body);
  const label = (xs: readonly string[]): string =>
    xs.map((x) => (x in SETTING_LABELS ? SETTING_LABELS[x as keyof typeof SETTING_LABELS] : x)).join(', ');
  const settingsChanged = label(d.settingsBefore) !== label(d.settingsAfter);
  return {
    from: before.version,
    to: after.version,
    settingsNote: settingsChanged ? `Settings were ${label(d.settingsBefore)}; now ${label(d.settingsAfter)}.` : null,
    sections: d.sections,
  };
}

/** The episode's versions; `questions` holds the client's questions (opened) by version id. */
export function presentVersions(
  versions: readonly ContractVersion[],
  episodeHref: string,
  questions: ReadonlyMap<string, readonly { readonly text: string; readonly askedAt: string }[]>,
): ContractVersionRow[] {
  const latest = versions.at(-1)?.version ?? 0;
  return versions.map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    status: v.agreements.some((a) => a.role === 'client') ? 'agreed' : v.version === latest ? 'awaiting' : 'superseded',
    agreements: v.agreements.map((a) => ({
      who: a.role === 'client' ? 'Client' : 'Parent or carer',
      name: a.signedName,
      at: a.agreedAt,
    })),
    questions: (questions.get(v.id) ?? []).map((q) => ({ text: q.text, at: q.askedAt })),
    pdfHref: `${episodeHref}/contract/${String(v.version)}.pdf`,
    consentHref: `${episodeHref}/contract/${String(v.version)}/consent.json`,
  }));
}

const firstWords = (text: string, n: number): string => {
  const words = text.split(/\s+/);
  return words.length <= n ? text : `${words.slice(0, n).join(' ')}…`;
};

/** The builder form for a draft: settings, audience, values the chosen clauses use, and the clauses that fit. */
export function presentBuilder(
  library: readonly Clause[],
  draft: ContractDraft,
  problems: ContractProblems | null,
): Pick<ContractEditorView, 'settings' | 'audiences' | 'placeholders' | 'clauses' | 'problem'> {
  const required = new Set(draft.settings.length > 0 ? requiredTopics(draft.settings, draft.audience) : []);
  const fits = library.filter(
    (c) => c.audiences.includes(draft.audience) && c.settings.some((s) => draft.settings.includes(s)),
  );
  const chosen = new Set(draft.clauseIds);
  const settingTopic = (c: Clause): boolean =>
    SETTINGS.some((s) => (SETTING_TOPICS[s] as readonly string[]).includes(c.topic));
  const clauses = fits.map((c) => ({
    id: c.id,
    title: c.title,
    note: required.has(c.topic) ? (settingTopic(c) ? 'required for this setting' : 'required') : 'optional',
    checked: chosen.has(c.id),
    preview: firstWords(draft.audience === 'adult' ? c.text.standard : c.text.plain, 24),
  }));
  // Every clause that fits may be ticked, so every detail any of them uses gets a field.
  const used = new Set(fits.flatMap((c) => [...placeholdersIn(c.text.standard), ...placeholdersIn(c.text.plain)]));
  const missing = new Set(problems?.unfilled ?? []);
  // In the library's own order (who, where, when, money, contact…), not the order clauses happen to use them.
  const placeholders = PLACEHOLDERS.filter((p) => used.has(p)).map((p) => ({
    name: p,
    label: PLACEHOLDER_LABELS[p],
    value: draft.values[p] ?? '',
    missing: missing.has(p),
  }));
  return {
    settings: SETTINGS.map((s) => ({ value: s, label: SETTING_LABELS[s], checked: draft.settings.includes(s) })),
    audiences: AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a], checked: draft.audience === a })),
    placeholders,
    clauses,
    problem: problems ? { message: problems.message, missingTopics: problems.missingTopics } : undefined,
  };
}

/** The frame on the client page: where the agreement stands and when it changed. */
export function presentAgreementSummary(episodeId: string, versions: readonly ContractVersion[]): AgreementSummaryView {
  const latest = versions.at(-1);
  const status = !latest
    ? 'No agreement yet.'
    : latest.agreements.some((a) => a.role === 'client')
      ? `Version ${String(latest.version)} agreed.`
      : `Version ${String(latest.version)} offered, waiting for agreement${latest.questions.length > 0 ? ' (the client has asked a question)' : ''}.`;
  return {
    href: `/episodes/${episodeId}/contract`,
    status,
    changes: versions.map((v) => ({
      version: v.version,
      offeredAt: v.createdAt,
      agreedAt: v.agreements.find((a) => a.role === 'client')?.agreedAt ?? null,
    })),
  };
}
