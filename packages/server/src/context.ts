import type { Clause, PracticeId, User } from '@rapport/core';
import type { Store } from '@rapport/storage';
import type { Logger } from 'pino';
import type { RecordCipher } from './crypto/keyring.js';
import type { LoadedGuide } from './guide/load.js';
import type { InstrumentLibrary } from './instruments/library.js';
import type { Mailer } from './mail/mailer.js';
import type { SignalKeeper } from './measures/signal-keeper.js';

/** Time comes in from outside so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServerConfig {
  /** Cookies get `Secure` and the `__Host-` prefix when served over HTTPS. */
  readonly secureCookies: boolean;
  /** Base URL for links sent to clients; defaults to the request's own origin. */
  readonly publicUrl: string | null;
  /** Honour X-Forwarded-Proto/For from a reverse proxy. */
  readonly trustProxy: boolean;
}

export interface Deps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ServerConfig;
  /** Seals and opens the free text of the therapist's record (session notes, boundary log, journal). */
  readonly keys: RecordCipher;
  /** The guide, loaded once; when absent the app loads it from content/guide beside the packages. */
  readonly guide?: LoadedGuide;
  /** The contract clause library; when absent the app loads content/frame/clauses. */
  readonly clauses?: readonly Clause[];
  /** The instrument library, loaded once; when absent the app loads content/instruments. */
  readonly instruments?: InstrumentLibrary;
  /** Sends clients their links by email when the practice has SMTP (RAPPORT_SMTP_URL); absent, links are shown to copy. */
  readonly mailer?: Mailer;
  /** Recomputes clients' signals after their submissions, off the submission's path (signal-keeper.ts). */
  readonly signals: SignalKeeper;
}

/**
 * What the app is built from: the dependencies, with the signal keeper optional (createApp makes
 * one when absent; pass one to settle or close it from outside, as the server and tests do).
 */
export type AppDeps = Omit<Deps, 'signals'> & { readonly signals?: SignalKeeper };

/** The signed-in therapist, as the session middleware found them. */
export interface Signedin {
  readonly user: User;
  readonly practiceId: PracticeId;
  readonly practiceName: string;
  readonly sessionTokenHash: string;
  readonly csrf: string;
}

export interface AppEnv {
  Variables: {
    signedIn: Signedin | null;
  };
}
