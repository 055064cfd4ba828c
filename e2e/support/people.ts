/** The newsroom the specs cast: who each person is, as the app shows them to the others. */

export interface Person {
  /** The name others see on this person's caret and in the presence list. */
  name: string;
  /** One of the app's identity colours (`client/src/identity.ts`). */
  color: string;
}

export const people = {
  ada: { name: 'Ada Okafor', color: '#1d4ed8' },
  ben: { name: 'Ben Lindqvist', color: '#be185d' },
  cleo: { name: 'Cleo Marsh', color: '#047857' },
} as const satisfies Record<string, Person>;
