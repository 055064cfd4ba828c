/**
 * The first problem with each field of a form, from a shared zod schema, as sentences to show
 * under the fields ("passwords need at least 10 characters" -> "Passwords need at least 10
 * characters."). The server checks the same schema; this only saves a round trip.
 */

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  return text[0]!.toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}

export function fieldErrors<K extends string>(issues: readonly Issue[] | undefined): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of issues ?? []) {
    const field = issue.path[0];
    if (typeof field !== 'string' || field in errors) continue;
    errors[field as K] = sentence(issue.message);
  }
  return errors;
}
