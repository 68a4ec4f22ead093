// Tiny hooks the panes share.
import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Moves focus between sibling rows marked with `data-row` inside `container`; returns true if it handled the key. */
export function moveRowFocus(container: HTMLElement | null, key: string): boolean {
  if (!container) return false;
  const rows = Array.from(container.querySelectorAll<HTMLElement>('[data-row]'));
  if (rows.length === 0) return false;
  const current = rows.indexOf(document.activeElement as HTMLElement);
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = current < 0 ? 0 : Math.min(rows.length - 1, current + 1);
      break;
    case 'ArrowUp':
      next = current < 0 ? 0 : Math.max(0, current - 1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = rows.length - 1;
      break;
    default:
      return false;
  }
  rows[next]?.focus();
  rows[next]?.scrollIntoView({ block: 'nearest' });
  return true;
}
