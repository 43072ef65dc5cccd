export * from './password-strength.js';
