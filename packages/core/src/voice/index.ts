/** The client's voice: preferences, comments now or held, "rate it tomorrow", carers, answers given by phone. */
export * from './preferences.js';
export * from './comments.js';
export * from './carer.js';
export * from './deferred.js';
export * from './phone.js';
