export { registerInstrumentsCommands } from './register.js';
export { exportInstruments, importInstrument, listInstruments, type ExitCode, type Output } from './commands.js';
