/** Password hashing with argon2id (OWASP's minimum parameters: 19 MiB, 2 passes). */
import { hash, verify, type Options } from '@node-rs/argon2';

// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies `password` against `stored`. With no stored hash (unknown email) it verifies against
 * a throwaway hash anyway, so an unknown account and a wrong password cost the same time.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword('copydesk-timing-equaliser');
  const target = stored ?? (await dummy);
  try {
    const ok = await verify(target, password);
    return stored !== undefined && ok;
  } catch {
    return false;
  }
}
