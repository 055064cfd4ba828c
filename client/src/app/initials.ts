/** Up to two initials of a display name, for avatars ("Ada Lovelace" -> "AL", "Ivo P. (desk)" -> "ID"). */
export function initials(name: string): string {
  const firsts = name
    .split(/\s+/u)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((c): c is string => c !== undefined);
  if (firsts.length === 0) return '?';
  const last = firsts.length > 1 ? firsts[firsts.length - 1] : '';
  return `${firsts[0]}${last}`.toUpperCase();
}
