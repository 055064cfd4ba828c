import { createUserSchema, setupSchema } from '@copydesk/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrors, sentence } from './field-errors.js';

describe('sentence', () => {
  it.each([
    ['passwords need at least 10 characters', 'Passwords need at least 10 characters.'],
    ['Already a sentence.', 'Already a sentence.'],
    ['a name is required', 'A name is required.'],
    ['', ''],
  ])('%j -> %j', (message, expected) => {
    expect(sentence(message)).toBe(expected);
  });
});

describe('fieldErrors', () => {
  it('keeps the first problem of each field, from a shared schema', () => {
    const result = createUserSchema.safeParse({ email: 'not an email', name: '  ', role: 'writer', password: 'short' });
    expect(result.success).toBe(false);
    const errors = fieldErrors<'email' | 'name' | 'role' | 'password'>(result.error?.issues);
    expect(errors).toEqual({
      email: 'Enter a valid email address.',
      name: 'A name is required.',
      password: 'Passwords need at least 10 characters.',
    });
  });

  it('is empty for a valid form', () => {
    const result = setupSchema.safeParse({ token: 't', email: 'chief@paper.test', name: 'Chief', password: 'a long password' });
    expect(fieldErrors(result.error?.issues)).toEqual({});
  });
});
