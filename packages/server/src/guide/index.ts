export { defaultGuideDir } from './content-dir.js';
export {
  GuideContentError,
  loadGuide,
  loadGuideOnce,
  readGuide,
  type LoadedGuide,
  type RenderedQuestion,
  type RenderedSection,
} from './load.js';
export { MAX_QUERY_LENGTH, buildGuideSearch, type GuideHit, type GuideSearch } from './search.js';
export { guideMarkdown, referenceAnchor, type GuideRenderer } from './render.js';
