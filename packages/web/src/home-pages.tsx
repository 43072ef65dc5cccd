import type { Child, FC } from 'hono/jsx';
import { LineChart, type ChartPoint } from './chart.js';
import { Csrf, TextField } from './form.js';
import { formatDate } from './format.js';
import { HomeVoice, type HomeVoiceView } from './home-voice.js';
import { Layout, renderDocument } from './layout.js';

/**
 * The client's home: their own page, reached by their personal link and a PIN. Written
 * for a reading age of about 11 (checked by a readability test), short, and usable with
 * JavaScript off and a keyboard only. Every value shown here has been escaped by hono/jsx,
 * so a goal or a note typed with markup shows as the characters typed.
 */

export type HomeSection = 'home' | 'goals' | 'progress' | 'agreement';

export interface HomeNavView {
  /** `/h/<token>`: every home address starts here. */
  readonly base: string;
  readonly csrf: string;
  readonly current: HomeSection;
}

/** A message after an action: done, or why nothing was saved. */
export interface HomeNoticeView {
  readonly tone: 'done' | 'problem';
  readonly text: string;
}

const SECTIONS: readonly { readonly id: HomeSection; readonly path: string; readonly label: string }[] = [
  { id: 'home', path: '', label: 'Home' },
  { id: 'goals', path: '/goals', label: 'My goals' },
  { id: 'progress', path: '/progress', label: 'My progress' },
  { id: 'agreement', path: '/agreement', label: 'Our agreement' },
];

/** The home's own menu, and a button to lock it again. */
const HomeNav: FC<{ readonly v: HomeNavView }> = ({ v }) => (
  <nav aria-label="Your page" class="home-nav">
    <ul class="plain">
      {SECTIONS.map((s) => (
        <li>
          <a href={`${v.base}${s.path}`} aria-current={s.id === v.current ? 'page' : undefined}>
            {s.label}
          </a>
        </li>
      ))}
    </ul>
    <form method="post" action={`${v.base}/lock`} class="inline">
      <Csrf token={v.csrf} />
      <button type="submit" class="link">
        Lock my page
      </button>
    </form>
  </nav>
);

const Notice: FC<{ readonly v: HomeNoticeView | null }> = ({ v }) =>
  v === null ? null : v.tone === 'done' ? (
    <p class="notice" role="status">
      {v.text}
    </p>
  ) : (
    <div class="error-summary" role="alert">
      <h2>Nothing was saved</h2>
      <p>{v.text}</p>
    </div>
  );

const lastTime = (n: number | null): string => (n === null ? 'not rated yet' : `last time: ${String(n)}`);

/** A point as the client picks it: its day and its number. */
const pointLabel = (p: { readonly at: string; readonly value: number | null }): string =>
  p.value === null ? formatDate(p.at) : `${formatDate(p.at)} (${String(p.value)})`;

/** Every home page: the same title pattern, menu and notice. */
const HomePage: FC<{
  readonly title: string;
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  readonly children?: Child;
}> = ({ title, nav, notice, children }) => (
  <Layout title={title} viewer={{ kind: 'client' }}>
    <HomeNav v={nav} />
    <h1>{title}</h1>
    <Notice v={notice} />
    {children}
  </Layout>
);

/** Eleven large targets, 0 to 10, as on the client's measures. */
const RatingScale: FC<{
  readonly name: string;
  readonly legend: string;
  readonly value: number | null;
  readonly error?: string | undefined;
}> = ({ name, legend, value, error }) => (
  <fieldset class={error ? 'scale has-error' : 'scale'} id={`q-${name}`}>
    <legend>{legend}</legend>
    <p class="anchors">0 = not started, 10 = done</p>
    {error ? <p class="error">{error}</p> : null}
    <div class="options">
      {Array.from({ length: 11 }, (_, i) => (
        <label class="option">
          <input type="radio" name={name} value={String(i)} checked={value === i} />
          <span>{String(i)}</span>
        </label>
      ))}
    </div>
  </fieldset>
);

/** Why honest numbers help, and a gentle word when every rating has sat at the top. */
export interface HonestyView {
  readonly framing: string;
  readonly ceiling: string | null;
}

const Honesty: FC<{ readonly v: HonestyView }> = ({ v }) => (
  <section aria-labelledby="honest" class="honesty">
    <h2 id="honest">Be honest, it helps</h2>
    <p>{v.framing}</p>
    {v.ceiling ? <p class="notice">{v.ceiling}</p> : null}
  </section>
);

// ── The lock ──────────────────────────────────────────────────────────────

export interface HomeLockView {
  /** `choose` on the first visit; `unlock` after, and for any link Rapport does not know. */
  readonly mode: 'choose' | 'unlock';
  readonly action: string;
  readonly message: string | null;
  readonly errors: Readonly<Record<string, string>>;
}

/** The door of the home: choose a PIN the first time, type it after. */
export function homeLockPage(v: HomeLockView): string {
  const choose = v.mode === 'choose';
  const title = choose ? 'Choose a PIN for your page' : 'Open your page';
  return renderDocument(
    <Layout title={title} viewer={{ kind: 'client' }}>
      <h1>{title}</h1>
      {choose ? (
        <p>
          This is your own page. You can set goals, say how they are going and see your progress. First, choose a PIN of
          4 to 8 numbers, or a password. You will need it each time.
        </p>
      ) : (
        <p>Type your PIN or password to open your page.</p>
      )}
      {v.message ? (
        <div class="error-summary" role="alert">
          <h2>Please try again</h2>
          <p>{v.message}</p>
        </div>
      ) : null}
      <form method="post" action={v.action} class="stack" novalidate>
        <TextField
          name="secret"
          label={choose ? 'Your new PIN or password' : 'PIN or password'}
          type="password"
          autocomplete={choose ? 'new-password' : 'current-password'}
          maxlength={128}
          error={v.errors['secret']}
        />
        {choose ? (
          <TextField
            name="again"
            label="Type it again"
            type="password"
            autocomplete="new-password"
            maxlength={128}
            error={v.errors['again']}
          />
        ) : null}
        <button type="submit">{choose ? 'Save my PIN' : 'Open my page'}</button>
      </form>
      <p class="muted">
        {choose
          ? 'Keep it to yourself. If you forget it, ask your counsellor for a new link.'
          : 'Forgot it? Ask your counsellor for a new link.'}
      </p>
    </Layout>,
  );
}

// ── Home ──────────────────────────────────────────────────────────────────

export interface HomeView {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  /** Measures waiting to be answered. */
  readonly todo: readonly { readonly title: string; readonly when: string; readonly href: string }[];
  /** The check-in rating of every active goal; null when there are no goals yet. */
  readonly rating: {
    readonly action: string;
    readonly revision: number;
    readonly goals: readonly { readonly id: string; readonly text: string; readonly last: number | null }[];
    readonly errors: Readonly<Record<string, string>>;
  } | null;
  readonly agreement: { readonly text: string; readonly href: string | null };
  readonly preferences: { readonly text: string; readonly href: string | null };
  readonly honesty: HonestyView;
  /** Tomorrow's rating, what a carer can see, changing preferences (home-voice.tsx). */
  readonly voice?: HomeVoiceView;
}

/** What to do now, the goals to rate, and the way to the rest. */
export function homePage(v: HomeView): string {
  const base = v.nav.base;
  return renderDocument(
    <HomePage title="Your page" nav={v.nav} notice={v.notice}>
      <section aria-labelledby="todo">
        <h2 id="todo">To do now</h2>
        {v.todo.length === 0 ? (
          <p>Nothing to fill in right now.</p>
        ) : (
          <ul>
            {v.todo.map((t) => (
              <li>
                <a href={t.href}>{t.title}</a> <span class="muted">({t.when})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rate">
        <h2 id="rate">How are your goals going?</h2>
        {v.rating === null ? (
          <p>
            You have no goals yet. <a href={`${base}/goals`}>Add a goal</a>
          </p>
        ) : (
          <form method="post" action={v.rating.action} class="stack" novalidate>
            <Csrf token={v.nav.csrf} />
            <input type="hidden" name="revision" value={String(v.rating.revision)} />
            <p>Pick a number for each goal. Skip one if you like.</p>
            {v.rating.goals.map((g) => (
              <RatingScale
                name={`rating.${g.id}`}
                legend={`${g.text} (${lastTime(g.last)})`}
                value={null}
                error={v.rating?.errors[`rating.${g.id}`]}
              />
            ))}
            <button type="submit">Save my numbers</button>
          </form>
        )}
      </section>
      <section aria-labelledby="more">
        <h2 id="more">More for you</h2>
        <ul>
          <li>
            <a href={`${base}/goals`}>My goals</a>: add, change or put away a goal.
          </li>
          <li>
            <a href={`${base}/progress`}>My progress</a>: see your charts and add notes.
          </li>
          <li>
            {v.agreement.href ? <a href={v.agreement.href}>Our agreement</a> : 'Our agreement'}: {v.agreement.text}
          </li>
          <li>
            {v.preferences.href ? <a href={v.preferences.href}>What you like</a> : 'What you like'}:{' '}
            {v.preferences.text}
          </li>
        </ul>
        {v.voice ? <HomeVoice v={v.voice} csrf={v.nav.csrf} /> : null}
      </section>
      <Honesty v={v.honesty} />
    </HomePage>,
  );
}

// ── Goals ─────────────────────────────────────────────────────────────────

export interface GoalsView {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  readonly revision: number;
  readonly active: readonly {
    readonly id: string;
    readonly text: string;
    readonly last: { readonly value: number; readonly at: string } | null;
    /** Earlier wordings, newest first. */
    readonly earlier: readonly string[];
    readonly rewordAction: string;
    readonly retireAction: string;
    readonly value: string;
    readonly error?: string | undefined;
  }[];
  /** Null once three goals are active. */
  readonly add: { readonly action: string; readonly value: string; readonly error?: string | undefined } | null;
  readonly full: string;
  readonly retired: readonly { readonly text: string; readonly retiredAt: string }[];
}

/** The client's goals: each can be reworded (the old words are kept) or put away; up to three at once. */
export function homeGoalsPage(v: GoalsView): string {
  return renderDocument(
    <HomePage title="My goals" nav={v.nav} notice={v.notice}>
      <p>Your goals are in your own words. You can have up to three at a time.</p>
      {v.active.length === 0 ? <p>No goals yet.</p> : null}
      <ol class="goals">
        {v.active.map((g) => (
          <li>
            <p class="goal-text">{g.text}</p>
            <p class="muted">
              {g.last ? `Last time: ${String(g.last.value)} on ${formatDate(g.last.at)}` : 'Not rated yet'}
            </p>
            {g.earlier.length > 0 ? <p class="muted">Old words: {g.earlier.join(' · ')}</p> : null}
            <details open={g.error ? true : undefined}>
              <summary>Change the words</summary>
              <form method="post" action={g.rewordAction} class="stack" novalidate>
                <Csrf token={v.nav.csrf} />
                <input type="hidden" name="revision" value={String(v.revision)} />
                <div class={g.error ? 'field has-error' : 'field'}>
                  <label for={`f-text-${g.id}`}>New words for this goal</label>
                  {g.error ? <p class="error">{g.error}</p> : null}
                  <input id={`f-text-${g.id}`} name="text" type="text" maxlength={200} value={g.value} />
                </div>
                <button type="submit">Save the new words</button>
              </form>
            </details>
            <form method="post" action={g.retireAction} class="inline">
              <Csrf token={v.nav.csrf} />
              <input type="hidden" name="revision" value={String(v.revision)} />
              <button type="submit" class="secondary">
                Put this goal away
              </button>
            </form>
          </li>
        ))}
      </ol>
      <section aria-labelledby="add-goal">
        <h2 id="add-goal">Add a goal</h2>
        {v.add ? (
          <form method="post" action={v.add.action} class="stack" novalidate>
            <Csrf token={v.nav.csrf} />
            <input type="hidden" name="revision" value={String(v.revision)} />
            <div class={v.add.error ? 'field has-error' : 'field'}>
              <label for="f-text">What would you like to be different?</label>
              <p class="hint" id="f-text-hint">
                For example: “Sleep better” or “Talk to my mum about school”.
              </p>
              {v.add.error ? (
                <p class="error" id="f-text-error">
                  {v.add.error}
                </p>
              ) : null}
              <input
                id="f-text"
                name="text"
                type="text"
                maxlength={200}
                value={v.add.value}
                aria-describedby={v.add.error ? 'f-text-hint f-text-error' : 'f-text-hint'}
              />
            </div>
            <button type="submit">Add this goal</button>
          </form>
        ) : (
          <p>{v.full}</p>
        )}
      </section>
      {v.retired.length > 0 ? (
        <section aria-labelledby="put-away">
          <h2 id="put-away">Goals you put away</h2>
          <ul>
            {v.retired.map((g) => (
              <li>
                {g.text} <span class="muted">(put away on {formatDate(g.retiredAt)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </HomePage>,
  );
}

// ── Progress ──────────────────────────────────────────────────────────────

export interface ProgressSeriesView {
  /** Unique on the page, safe in an id. */
  readonly id: string;
  readonly title: string;
  /** What the line is, and which way is better. */
  readonly about: string;
  readonly points: readonly ChartPoint[];
  readonly min: number;
  readonly max: number;
  /** Points ringed as a real (reliable) change. */
  readonly marks: readonly number[];
  /** The change in plain words, or why there is none yet. */
  readonly change: string;
  readonly notes: readonly {
    readonly at: string;
    readonly value: number | null;
    readonly text: string;
    readonly shared: boolean;
  }[];
  readonly noteForm: {
    readonly action: string;
    readonly series: string;
    readonly revision: number;
    readonly points: readonly { readonly at: string; readonly value: number; readonly selected: boolean }[];
    readonly text: string;
    readonly shared: boolean;
    readonly error?: string | undefined;
  };
}

export interface ProgressView {
  readonly nav: HomeNavView;
  readonly notice: HomeNoticeView | null;
  /** What a "real change" is, for everyone. */
  readonly realChange: string;
  readonly series: readonly ProgressSeriesView[];
  readonly honesty: HonestyView;
}

const NoteForm: FC<{ readonly s: ProgressSeriesView; readonly csrf: string }> = ({ s, csrf }) => {
  const f = s.noteForm;
  const id = (name: string): string => `f-${s.id}-${name}`;
  return (
    <details open={f.error ? true : undefined}>
      <summary>Add a note to this chart</summary>
      <form method="post" action={f.action} class="stack" novalidate>
        <Csrf token={csrf} />
        <input type="hidden" name="revision" value={String(f.revision)} />
        <input type="hidden" name="series" value={f.series} />
        <div class="field">
          <label for={id('point')}>Which day?</label>
          <select id={id('point')} name="point">
            {f.points.map((p) => (
              <option value={p.at} selected={p.selected}>
                {pointLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div class={f.error ? 'field has-error' : 'field'}>
          <label for={id('note')}>Your note</label>
          {f.error ? <p class="error">{f.error}</p> : null}
          <textarea id={id('note')} name="note" rows={3} maxlength={500}>
            {f.text}
          </textarea>
        </div>
        <fieldset>
          <legend>Who can see it?</legend>
          <label class="inline-choice">
            <input type="radio" name="visibility" value="private" checked={!f.shared} /> Just me
          </label>
          <label class="inline-choice">
            <input type="radio" name="visibility" value="shared" checked={f.shared} /> Me and my counsellor
          </label>
        </fieldset>
        <button type="submit">Save my note</button>
      </form>
    </details>
  );
};

/** The client's own charts, with a ring where a change is real, their notes, and a way to add one. */
export function homeProgressPage(v: ProgressView): string {
  return renderDocument(
    <HomePage title="My progress" nav={v.nav} notice={v.notice}>
      <section aria-labelledby="real" class="notice">
        <h2 id="real">What is a real change?</h2>
        <p>{v.realChange}</p>
      </section>
      {v.series.length === 0 ? <p>Your charts will show here once you have filled in a few things.</p> : null}
      {v.series.map((s) => (
        <section aria-labelledby={`s-${s.id}`} class="progress-series">
          <h2 id={`s-${s.id}`}>{s.title}</h2>
          <p>{s.about}</p>
          <LineChart
            id={`chart-${s.id}`}
            title={s.title}
            description={`${String(s.points.length)} points: ${s.points.map((p) => String(p.value)).join(', ')}. ${s.change}`}
            points={s.points}
            min={s.min}
            max={s.max}
            marks={s.marks}
          />
          <p>{s.change}</p>
          {s.notes.length > 0 ? (
            <ul class="notes">
              {s.notes.map((n) => (
                <li>
                  <strong>{pointLabel(n)}:</strong> <span class="note-text">{n.text}</span>{' '}
                  <span class="muted">({n.shared ? 'your counsellor can see this' : 'just you'})</span>
                </li>
              ))}
            </ul>
          ) : null}
          <NoteForm s={s} csrf={v.nav.csrf} />
        </section>
      ))}
      <Honesty v={v.honesty} />
    </HomePage>,
  );
}

// ── Agreement ─────────────────────────────────────────────────────────────

export interface HomeAgreementView {
  readonly nav: HomeNavView;
  /** What was agreed and when, or why there is nothing yet. */
  readonly status: string;
  readonly sections: readonly { readonly title: string; readonly text: string }[];
}

/** The agreement the client signed, in the words they read. */
export function homeAgreementPage(v: HomeAgreementView): string {
  return renderDocument(
    <HomePage title="Our agreement" nav={v.nav} notice={null}>
      <p>{v.status}</p>
      {v.sections.map((s) => (
        <section>
          <h2>{s.title}</h2>
          <p class="pre-line">{s.text}</p>
        </section>
      ))}
    </HomePage>,
  );
}
