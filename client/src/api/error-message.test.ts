import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '@copydesk/shared';
import { errorMessage } from './error-message.js';
import { ApiError } from './http.js';

describe('errorMessage', () => {
  it('shows the server’s own sentence', () => {
    expect(errorMessage(new ApiError(429, 'too_many_attempts', 'Too many failed sign-ins. Try again in 4 seconds.'), 'Signing in failed.')).toBe(
      'Too many failed sign-ins. Try again in 4 seconds.',
    );
    expect(errorMessage(new ApiError(0, 'network', 'Cannot reach the server.'), 'Not saved.')).toBe('Cannot reach the server.');
  });

  it('falls back to the code’s default sentence when the server sent no words', () => {
    expect(errorMessage(new ApiError(409, 'slug_taken', ''), 'Not saved.')).toBe(API_ERRORS.slug_taken.message);
    expect(errorMessage(new ApiError(502, 'http_502', ''), 'Not saved.')).toBe('Not saved.');
  });

  it('says what did not happen for anything that is not an ApiError', () => {
    expect(errorMessage(new TypeError('x is undefined'), 'The comment could not be posted.')).toBe('The comment could not be posted.');
    expect(errorMessage('boom', 'Not saved.')).toBe('Not saved.');
  });
});
