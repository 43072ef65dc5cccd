export { buildProgram } from './program.js';
export { readEnv, type RapportEnv } from './env.js';
