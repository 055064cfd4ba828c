import { passwordSchema } from '@copydesk/shared';
import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_ALPHABET } from './generate-password.js';

describe('generatePassword', () => {
  it('makes four groups of five unambiguous characters that the server accepts', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(password).not.toMatch(/[01lIO]/);
    expect(passwordSchema.safeParse(password).success).toBe(true);
  });

  it('differs every time', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
  });

  it('skips bytes that would bias the choice', () => {
    const n = PASSWORD_ALPHABET.length;
    const biased = 256 - (256 % n); // the first byte value that would wrap around the alphabet
    let call = 0;
    // First a buffer of only biased bytes (all skipped), then bytes for the last character.
    const random = (bytes: Uint8Array) => bytes.fill(call++ === 0 ? biased : n - 1);
    expect(generatePassword(random).replace(/-/g, '')).toBe(PASSWORD_ALPHABET[n - 1]!.repeat(20));
    expect(call).toBe(2);
  });
});
