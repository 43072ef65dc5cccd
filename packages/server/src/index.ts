export { createApp, BODY_LIMIT_BYTES } from './app.js';
export { startServer, type RunningServer } from './serve.js';
export { createLogger } from './logger.js';
export {
  CipherError,
  Keyring,
  loadMasterKey,
  masterKeyFromSecret,
  rewrapDataKeys,
  rotateDataKeys,
  sealExistingText,
  MASTER_KEY_FILE,
  type MasterKey,
  type RecordCipher,
} from './crypto/index.js';
export { ensureDemo, DEMO_EMAIL, DEMO_STORIES, type DemoResult } from './demo.js';
export { systemClock, type Clock, type Deps, type ServerConfig } from './context.js';
export { smtpMailer, type Mailer, type OutgoingMail } from './mail/mailer.js';
export { hashPassword, verifyPassword } from './auth/password.js';
export * from './guide/index.js';
