// Every keyboard shortcut in one table: the key handler and the shortcut sheet (`?`) both read it, so the sheet
// cannot drift from what the keys do.
export type ShortcutAction =
  | 'find'
  | 'quick-switcher'
  | 'import'
  | 'new-note'
  | 'new-statement'
  | 'new-incident'
  | 'link'
  | 'back'
  | 'shortcuts';

export interface Shortcut {
  action: ShortcutAction;
  /** Shown in the sheet, e.g. ['Mod', 'K']; Mod is ⌘ on macOS and Ctrl elsewhere. */
  keys: string[];
  label: string;
  matches(event: KeyboardEvent, mod: boolean): boolean;
}

const key = (event: KeyboardEvent): string => event.key.toLowerCase();

export const SHORTCUTS: Shortcut[] = [
  { action: 'find', keys: ['Mod', 'F'], label: 'Search the archive', matches: (e, mod) => mod && !e.altKey && !e.shiftKey && key(e) === 'f' },
  { action: 'quick-switcher', keys: ['Mod', 'K'], label: 'Quick switcher: open any item by name', matches: (e, mod) => mod && !e.altKey && key(e) === 'k' },
  { action: 'import', keys: ['Mod', 'O'], label: 'Import files', matches: (e, mod) => mod && !e.altKey && !e.shiftKey && key(e) === 'o' },
  { action: 'new-note', keys: ['Mod', 'Alt', 'N'], label: 'New note', matches: (e, mod) => mod && e.altKey && e.code === 'KeyN' },
  { action: 'new-statement', keys: ['Mod', 'Alt', 'S'], label: 'New statement', matches: (e, mod) => mod && e.altKey && e.code === 'KeyS' },
  { action: 'new-incident', keys: ['Mod', 'Alt', 'I'], label: 'New incident', matches: (e, mod) => mod && e.altKey && e.code === 'KeyI' },
  { action: 'link', keys: ['Mod', 'Alt', 'L'], label: 'Link the open item to another', matches: (e, mod) => mod && e.altKey && e.code === 'KeyL' },
  { action: 'back', keys: ['Alt', '←'], label: 'Back to the previous item', matches: (e, mod) => !mod && e.altKey && e.key === 'ArrowLeft' },
  { action: 'shortcuts', keys: ['?'], label: 'This list of shortcuts', matches: (e, mod) => !mod && !e.altKey && e.key === '?' },
];

/** Keys the lists and dialogs handle themselves, listed on the sheet too. */
export const NAVIGATION_KEYS: [string[], string][] = [
  [['↑', '↓'], 'Move through a list'],
  [['Home', 'End'], 'First or last entry'],
  [['Enter'], 'Open the selected entry'],
  [['Mod', 'Enter'], 'Save the open form'],
  [['Esc'], 'Close a dialog'],
  [['Tab'], 'Next control (focus is always visible)'],
];

/** Typing in a field must not trigger single-key shortcuts such as `?`. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

export function shortcutFor(event: KeyboardEvent, isMac: boolean): ShortcutAction | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const found = SHORTCUTS.find((shortcut) => shortcut.matches(event, mod));
  if (!found) return null;
  if (found.action === 'shortcuts' && isTypingTarget(event.target)) return null;
  return found.action;
}
