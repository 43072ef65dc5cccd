import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's floor (m = 19 MiB, t = 2, p = 1). The library's default
 * algorithm is argon2id; the PHC string records the parameters, so raising
 * them later still verifies old hashes.
 */
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps sign-in time the same
// whether or not an email is registered.
let dummy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('rapport-timing-equaliser');
  await verifyPassword(await dummy, password);
}
