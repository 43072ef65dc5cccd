import { Hono, type Context } from 'hono';
import { timelinePage } from '@rapport/web';
import type { AppEnv, Deps } from '../context.js';
import { therapist } from '../guards.js';
import type { InstrumentLibrary } from '../instruments/library.js';
import { presentViewer } from '../presenters.js';
import { auditRecord, loadEpisode, noStore, notFound, ukToday } from '../record/context.js';
import { renderCaseloadReport, renderEpisodeReport } from '../reports/episode-pdf.js';
import { loadEpisodeStory, type EpisodeStory } from '../timeline/load.js';
import { presentTimeline } from '../timeline/present.js';

const pdf = (c: Context<AppEnv>, bytes: Buffer, filename: string): Response => {
  noStore(c);
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${filename}"`,
  });
};

/**
 * An episode's timeline through its stages, and the reports to take away: one episode, or the
 * practice's open caseload (every client of the practice is on its caseload: Rapport does not
 * yet assign clients to one therapist). Every read is audited per client.
 */
export function timelineRoutes(deps: Deps, library: InstrumentLibrary): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/episodes/:episodeId/timeline', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    const story = await loadEpisodeStory(deps, library, s.practiceId, ctx.episode, ctx.client);
    await auditRecord(c, deps, s, 'timeline.read', ctx.client.id);
    noStore(c);
    return c.html(timelinePage(presentTimeline(story, library, presentViewer(s))));
  });

  app.get('/episodes/:episodeId/report.pdf', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const ctx = await loadEpisode(deps, s, c.req.param('episodeId'));
    if (!ctx) return notFound();
    const story = await loadEpisodeStory(deps, library, s.practiceId, ctx.episode, ctx.client);
    const today = ukToday(deps.clock.now());
    const bytes = await renderEpisodeReport(story, library, { practiceName: s.practiceName, today });
    await auditRecord(c, deps, s, 'report.read', ctx.client.id);
    return pdf(c, bytes, `episode-${ctx.client.code}-${today}.pdf`);
  });

  app.get('/reports/caseload.pdf', async (c) => {
    const s = therapist(c);
    if (s instanceof Response) return s;
    const clients = (await deps.store.listClients(s.practiceId)).filter((x) => x.openEpisodes > 0);
    const stories: EpisodeStory[] = [];
    for (const client of [...clients].sort((a, b) => a.code.localeCompare(b.code))) {
      const episode = (await deps.store.listEpisodes(s.practiceId, client.id)).find((e) => e.status === 'open');
      if (episode) stories.push(await loadEpisodeStory(deps, library, s.practiceId, episode, client));
    }
    const today = ukToday(deps.clock.now());
    const bytes = await renderCaseloadReport(stories, library, { practiceName: s.practiceName, today });
    for (const story of stories) await auditRecord(c, deps, s, 'report.read', story.client.id);
    return pdf(c, bytes, `caseload-${today}.pdf`);
  });

  return app;
}
