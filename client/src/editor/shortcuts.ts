/** Keyboard shortcuts written the way this platform writes them ("Ctrl+Shift+8", "⌘⇧8"). */

const isApple = /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);

const appleKeys: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
const otherKeys: Record<string, string> = { Mod: 'Ctrl', Shift: 'Shift', Alt: 'Alt' };

/** Formats a TipTap-style key spec such as `Mod-Shift-8`. */
export function formatShortcut(spec: string): string {
  const names = isApple ? appleKeys : otherKeys;
  const parts = spec.split('-').map((key) => names[key] ?? key.toUpperCase());
  return parts.join(isApple ? '' : '+');
}
