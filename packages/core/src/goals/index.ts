/** A client's own goals: their wording (with its history), up to three at once, ratings 0–10 and their change. */
export * from './goals.js';
