/**
 * A strong initial password an administrator can read out or paste: four groups of five
 * characters from 56 that cannot be mistaken for each other (no 0/O, 1/l/I), about 116 bits
 * from the browser's CSPRNG, chosen without modulo bias.
 */

export const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;
const cryptoRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

export function generatePassword(random: RandomBytes = cryptoRandom): string {
  const n = PASSWORD_ALPHABET.length;
  // Bytes at or above the largest multiple of n would favour the first characters: skip them.
  const limit = 256 - (256 % n);
  const chars: string[] = [];
  const buffer = new Uint8Array(64);
  while (chars.length < GROUPS * GROUP_LENGTH) {
    for (const byte of random(buffer)) {
      if (byte < limit && chars.length < GROUPS * GROUP_LENGTH) chars.push(PASSWORD_ALPHABET[byte % n]!);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}
