import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { frame } from './0002-frame.js';
import { security } from './0003-security.js';
import { measures } from './0004-measures.js';
import { record } from './0005-record.js';
import { clientHome } from './0006-client-home.js';
import { repair } from './0007-repair.js';
import { endings } from './0008-endings.js';
import { voice } from './0009-voice.js';
import { supervision } from './0010-supervision.js';
import { rights } from './0011-rights.js';
import { ratingSumsIndex } from './0012-rating-sums-index.js';
import { signalsDue } from './0013-signals-due.js';
import { episodeStatusIndex } from './0014-episode-status-index.js';

/**
 * One ordered migration set for both stores. A static provider (no directory
 * scanning) so the list is explicit and reviewable; add new entries at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-frame': frame,
  '0003-security': security,
  '0004-measures': measures,
  '0005-record': record,
  '0006-client-home': clientHome,
  '0007-repair': repair,
  '0008-endings': endings,
  '0009-voice': voice,
  '0010-supervision': supervision,
  '0011-rights': rights,
  '0012-rating-sums-index': ratingSumsIndex,
  '0013-signals-due': signalsDue,
  '0014-episode-status-index': episodeStatusIndex,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
