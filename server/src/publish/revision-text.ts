/** Plain text of rendered HTML, paragraph per block: what comparing revisions diffs. */
export function textOf(html: string): string {
  return html
    .replace(/<\/(p|h[2-4]|li|blockquote)>/g, '\n\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
