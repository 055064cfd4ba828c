/**
 * Small shape checks for answers from the API (parse at the edge, trust the types inside): each
 * returns true only when the value has the type the client relies on.
 */
import { isRecord } from './http.js';

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const orNull =
  <T>(check: (value: unknown) => value is T) =>
  (value: unknown): value is T | null =>
    value === null || check(value);
export const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** A person as the API names them: at least an id and a name (a colour when it has one). */
export function isPersonRef(value: unknown): value is { id: string; name: string; color?: string } {
  return isRecord(value) && isString(value.id) && isString(value.name) && (value.color === undefined || isString(value.color));
}

/** `body[key]` when it is an array, each element kept only when it passes `check`; else undefined. */
export function listOf<T>(body: unknown, key: string, check: (value: unknown) => value is T): T[] | undefined {
  if (!isRecord(body) || !Array.isArray(body[key])) return undefined;
  return (body[key] as unknown[]).filter(check);
}
