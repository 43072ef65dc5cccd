import { Hono } from 'hono';
import { asUserId } from '@rapport/core';
import { endingsListPage, outcomesPage } from '@rapport/web';
import type { AppEnv, Deps } from '../context.js';
import { practiceOutcomes } from '../endings/outcomes.js';
import { outcomeNotes, presentEndingsList, presentOutcomeFigures } from '../endings/present.js';
import { therapist } from '../guards.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, noStore, ukToday } from '../record/context.js';

/**
 * Reading across episodes: the practice's endings (follow-ups due first) and its outcomes.
 * A therapist reads the outcomes of their own episodes; the practice administrator reads the
 * whole practice, or one clinician's. Each read is audited (no single client, so no client id).
 */
export function outcomeRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/endings', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const endings = await deps.store.endings.list(s.practiceId);
    await auditRecord(c, deps, s, 'endings.read', null);
    noStore(c);
    return c.html(
      endingsListPage({ viewer: presentViewer(s), ...presentEndingsList(endings, ukToday(deps.clock.now())) }),
    );
  });

  app.get('/practice/outcomes', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const admin = s.user.role === 'practice-admin';
    const clinicians = admin ? await deps.store.endings.listClinicians(s.practiceId) : [];
    // Anyone but the administrator reads their own episodes, whatever the address asks for.
    const asked = c.req.query('clinician') ?? '';
    const chosen = admin ? clinicians.find((u) => u.id === asked) : s.user;
    const outcomes = await practiceOutcomes(deps.store, library, s.practiceId, chosen ? asUserId(chosen.id) : null);
    await auditRecord(c, deps, s, 'outcomes.read', null);
    noStore(c);
    return c.html(
      outcomesPage({
        viewer: presentViewer(s),
        scope: chosen
          ? chosen.id === s.user.id
            ? 'Your episodes.'
            : `Episodes of ${chosen.name}.`
          : `The whole practice: ${s.practiceName}.`,
        filter: admin
          ? {
              options: [
                { value: '', label: 'The whole practice', selected: !chosen },
                ...clinicians.map((u) => ({ value: u.id, label: u.name, selected: u.id === chosen?.id })),
              ],
            }
          : null,
        figures: presentOutcomeFigures(outcomes),
        notes: outcomeNotes(outcomes, chosen !== undefined),
      }),
    );
  });

  return app;
}
