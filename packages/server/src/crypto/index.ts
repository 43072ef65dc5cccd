export { CipherError } from './envelope.js';
export { Keyring, type RecordCipher } from './keyring.js';
export {
  loadMasterKey,
  masterKeyFromSecret,
  MASTER_KEY_FILE,
  MIN_SECRET_LENGTH,
  type MasterKey,
} from './master-key.js';
export { rewrapDataKeys, rotateDataKeys } from './rotate.js';
export { sealExistingText } from './seal-existing.js';
