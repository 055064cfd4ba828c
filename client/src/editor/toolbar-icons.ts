/** Line icons for the toolbar, drawn on a 24-unit grid (stroke paths). */
export type IconName =
  | 'bulletList'
  | 'orderedList'
  | 'blockquote'
  | 'link'
  | 'unlink'
  | 'horizontalRule'
  | 'undo'
  | 'redo';

export const iconPaths: Record<IconName, string[]> = {
  bulletList: ['M9 6h11', 'M9 12h11', 'M9 18h11', 'M4.5 6h.01', 'M4.5 12h.01', 'M4.5 18h.01'],
  orderedList: ['M10 6h10', 'M10 12h10', 'M10 18h10', 'M4 5l1.5-1v5', 'M3.5 14.5a1.5 1.5 0 1 1 2.6 1L3.5 19h3'],
  blockquote: [
    'M4 16.5V12c0-3 1.5-5 4.5-6',
    'M4 12h4v5H4z',
    'M13 16.5V12c0-3 1.5-5 4.5-6',
    'M13 12h4v5h-4z',
  ],
  link: [
    'M10 13.5a4.5 4.5 0 0 0 6.4.4l2.8-2.8a4.5 4.5 0 0 0-6.4-6.4l-1.3 1.3',
    'M14 10.5a4.5 4.5 0 0 0-6.4-.4l-2.8 2.8a4.5 4.5 0 0 0 6.4 6.4l1.3-1.3',
  ],
  unlink: [
    'M15.5 13.5l3.7-3.4a4.5 4.5 0 0 0-6.4-6.4l-1.3 1.3',
    'M8.5 10.5l-3.7 3.4a4.5 4.5 0 0 0 6.4 6.4l1.3-1.3',
    'M4 4l16 16',
  ],
  horizontalRule: ['M3 12h18', 'M7 7h10', 'M7 17h10'],
  undo: ['M9 14L4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  redo: ['M15 14l5-5-5-5', 'M20 9H9.5a5.5 5.5 0 0 0 0 11H13'],
};
