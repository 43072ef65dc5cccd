export { loadInstrumentLibrary } from './load-library.js';
