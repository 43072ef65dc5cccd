import { Hono, type Context } from 'hono';
import { SIGNAL_DESCRIPTIONS, answersForSignal, findChapter, findQuestion, isSignalType } from '@rapport/core';
import {
  guideChapterPage,
  guideChapterPrintPage,
  guideHomePage,
  guideQuestionPage,
  guideReferencesPage,
  guideSearchPage,
  guideSignalPage,
  readGuideSearchScript,
  type Viewer,
} from '@rapport/web';
import type { AppEnv, Deps } from '../context.js';
import type { LoadedGuide } from '../guide/load.js';
import {
  presentChapter,
  presentChapterPrint,
  presentHome,
  presentQuestion,
  presentQuestionLink,
  presentReference,
} from '../guide/present.js';
import { MAX_QUERY_LENGTH } from '../guide/search.js';
import { errorResponse } from '../http-errors.js';
import { presentViewer } from '../presenters.js';

const notFound = (): Response =>
  errorResponse({
    code: 'not-found',
    message: 'There is no such page in the guide. The guide’s home lists every chapter.',
  });

/** The guide is public reading: a signed-in therapist keeps their navigation, anyone else reads anonymously. */
function viewerOf(c: Context<AppEnv>): Viewer {
  const s = c.get('signedIn');
  return s ? presentViewer(s) : { kind: 'anonymous' };
}

const queryOf = (c: Context<AppEnv>): string => (c.req.query('q') ?? '').slice(0, MAX_QUERY_LENGTH);

/**
 * The guide: home, chapters, questions, search (server-side, so it works
 * without JavaScript, plus JSON for the optional instant search), references
 * and the answers for each relationship signal. Holds no client data.
 */
export function guideRoutes(_deps: Deps, guide: LoadedGuide): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const script = readGuideSearchScript();

  app.get('/assets/guide-search.js', (c) =>
    c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );

  app.get('/guide', (c) => c.html(guideHomePage(presentHome(guide, viewerOf(c)))));

  app.get('/guide/search', (c) => {
    const query = queryOf(c);
    const results = guide.search.search(query, 20).map((h) => presentQuestionLink(guide, h.question, true));
    return c.html(guideSearchPage({ viewer: viewerOf(c), query, results }));
  });

  app.get('/guide/search.json', (c) => {
    const query = queryOf(c);
    const results = guide.search.search(query, 10).map((h) => presentQuestionLink(guide, h.question, true));
    return c.json({ query, results });
  });

  app.get('/guide/references', (c) =>
    c.html(
      guideReferencesPage({
        viewer: viewerOf(c),
        references: [...guide.guide.bibliography.values()]
          .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
          .map(presentReference),
      }),
    ),
  );

  app.get('/guide/signal/:signal', (c) => {
    const signal = c.req.param('signal');
    if (!isSignalType(signal)) return notFound();
    return c.html(
      guideSignalPage({
        viewer: viewerOf(c),
        ...SIGNAL_DESCRIPTIONS[signal],
        questions: answersForSignal(guide.guide, signal).map((q) => presentQuestionLink(guide, q, true)),
      }),
    );
  });

  app.get('/guide/:chapter', (c) => {
    const chapter = findChapter(guide.guide, c.req.param('chapter'));
    return chapter ? c.html(guideChapterPage(presentChapter(guide, chapter, viewerOf(c)))) : notFound();
  });

  app.get('/guide/:chapter/print', (c) => {
    const chapter = findChapter(guide.guide, c.req.param('chapter'));
    return chapter ? c.html(guideChapterPrintPage(presentChapterPrint(guide, chapter, viewerOf(c)))) : notFound();
  });

  app.get('/guide/:chapter/:questionId', (c) => {
    const question = findQuestion(guide.guide, c.req.param('questionId'));
    if (!question || question.chapter !== c.req.param('chapter')) return notFound();
    return c.html(guideQuestionPage(presentQuestion(guide, question, viewerOf(c))));
  });

  return app;
}
