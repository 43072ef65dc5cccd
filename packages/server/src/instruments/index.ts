export { loadInstrumentLibrary } from './load-library.js';
export {
  defaultContentDir,
  instrumentLibrary,
  loadInstrumentLibrarySync,
  loadInstrumentsOnce,
  InstrumentContentError,
  type InstrumentLibrary,
} from './library.js';
