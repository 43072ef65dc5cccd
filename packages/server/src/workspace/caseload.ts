import {
  NEED_KINDS,
  OVERDUE_AFTER_DAYS,
  checkOverdue,
  needsFromMarks,
  parseNeedKind,
  sortByNeed,
  type Need,
  type NeedKind,
  type PracticeId,
} from '@rapport/core';
import type { CaseloadRow, CaseloadSignal } from '@rapport/storage';
import type { BadgeView, CaseloadRowView, CaseloadView, NeedCountView } from '@rapport/web';
import type { Context } from 'hono';
import { audit } from '../audit.js';
import type { AppEnv, Deps, Signedin } from '../context.js';
import { presentBadgeCounts } from '../measures/present-signals.js';

/** How each need is named on the caseload: words, never colour alone. */
export const NEED_LABELS: Readonly<Record<NeedKind, string>> = {
  risk: 'Risk',
  rupture: 'Unrepaired rupture',
  deterioration: 'Reliably worse',
  'not-on-track': 'Not on track',
  divergence: 'Divergent views',
  stuck: 'Stuck',
  overdue: 'Overdue a measure',
  'unconfirmed-phone-entry': 'Unconfirmed phone entry',
};

const RULES = [
  'Most urgent first: a risk answer, then an unrepaired rupture, a reliable deterioration, not on track, divergent views (you rated a session clearly higher than your client), stuck, and overdue a measure. Between clients with the same most urgent need, the one signalled most recently comes first.',
  `Overdue a measure: nothing completed for more than ${String(OVERDUE_AFTER_DAYS)} days while the episode is open, or the latest link sent expired unanswered.`,
  'Unconfirmed phone entry: answers you entered for a client by phone that the client has not yet confirmed or corrected on their link.',
];

/** The caseload's address with a filter. */
const href = (need: NeedKind | null): string => (need === null ? '/clients' : `/clients?need=${need}`);

interface Placed {
  readonly row: CaseloadRow;
  readonly code: string;
  readonly needs: readonly Need[];
  readonly signals: readonly CaseloadSignal[];
}

function rowView(p: Placed): CaseloadRowView {
  const overdue = p.needs.some((n) => n.kind === 'overdue');
  const badges: BadgeView[] = [
    ...presentBadgeCounts(p.signals),
    ...(overdue ? [{ tone: 'attention' as const, label: NEED_LABELS.overdue, count: 1 }] : []),
  ];
  return {
    id: p.row.clientId,
    code: p.row.code,
    displayName: p.row.displayName,
    firstNeed: p.needs[0]?.kind ?? null,
    needs: p.needs.map((n) => NEED_LABELS[n.kind]),
    lastCheck: p.row.lastCheck ? { score: p.row.lastCheck.total, at: p.row.lastCheck.at } : null,
    badges,
  };
}

/**
 * The caseload page's model: every open episode with its needs (core's rules), sorted by need,
 * counts per need, the chosen filter (`?need=…`, or `?view=past` for clients without an open
 * episode). Two queries, whatever the size of the practice. `problem` is set for a filter Rapport
 * does not know; the full list is shown then.
 */
export async function presentCaseload(
  deps: Deps,
  practiceId: PracticeId,
  query: { readonly need?: string | undefined; readonly view?: string | undefined },
): Promise<{ readonly view: CaseloadView; readonly empty: boolean; readonly problem: boolean }> {
  const now = deps.clock.now().toISOString();
  const { rows, signals } = await deps.store.repair.caseload(practiceId);
  const byClient = new Map<string, CaseloadSignal[]>();
  for (const s of signals) {
    const list = byClient.get(s.clientId);
    if (list) list.push(s);
    else byClient.set(s.clientId, [s]);
  }
  const open: Placed[] = [];
  const past: CaseloadRow[] = [];
  for (const row of rows) {
    if (row.episode === null) {
      past.push(row);
      continue;
    }
    const mine = byClient.get(row.clientId) ?? [];
    const overdue = checkOverdue({ ...row, openedAt: row.episode.openedAt }, now);
    open.push({ row, code: row.code, needs: needsFromMarks(mine, overdue), signals: mine });
  }

  const rawNeed = query.need ?? '';
  const need = rawNeed === '' ? null : parseNeedKind(rawNeed);
  const wantsPast = query.view === 'past';
  const unknownView = query.view !== undefined && query.view !== '' && !wantsPast;
  const problem =
    (rawNeed !== '' && need === null) || unknownView
      ? 'That filter is not one Rapport knows, so everyone with an open episode is shown. Choose a filter from the list.'
      : null;

  const count = (kind: NeedKind): number => open.filter((p) => p.needs.some((n) => n.kind === kind)).length;
  const counts: NeedCountView[] = NEED_KINDS.map((kind) => ({
    label: NEED_LABELS[kind],
    count: count(kind),
    href: href(kind),
    current: need === kind && !wantsPast,
  }));
  const shown = need === null ? open : open.filter((p) => p.needs.some((n) => n.kind === need));
  return {
    empty: rows.length === 0,
    problem: problem !== null,
    view: {
      counts,
      everyone: {
        label: 'Everyone with an open episode',
        count: open.length,
        href: href(null),
        current: need === null && !wantsPast,
      },
      filter: need === null ? null : NEED_LABELS[need],
      problem,
      rows: sortByNeed(shown).map(rowView),
      past: {
        count: past.length,
        href: '/clients?view=past',
        shown: wantsPast ? past.map((r) => ({ id: r.clientId, code: r.code, displayName: r.displayName })) : null,
      },
      rules: RULES,
    },
  };
}

/** The caseload for the signed-in therapist, its reading audited (it shows every client's code and needs). */
export async function readCaseload(
  c: Context<AppEnv>,
  deps: Deps,
  s: Signedin,
  query: { readonly need?: string | undefined; readonly view?: string | undefined },
): ReturnType<typeof presentCaseload> {
  const found = await presentCaseload(deps, s.practiceId, query);
  await audit(c, deps, {
    practiceId: s.practiceId,
    actor: { kind: 'user', userId: s.user.id },
    action: 'caseload.read',
    clientId: null,
  });
  return found;
}
