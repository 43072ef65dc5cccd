import { fileURLToPath } from 'node:url';

/**
 * The repository's `content/guide` folder. This module sits at
 * `packages/server/src/guide/` and, built, at `packages/server/dist/guide/`:
 * four levels below the root either way, so one relative URL serves both.
 */
export const defaultGuideDir = (): string => fileURLToPath(new URL('../../../../content/guide/', import.meta.url));
