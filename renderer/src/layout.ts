// Pane widths and the last place the user was, remembered between runs (the desktop app's storage is per user;
// the browser door keeps a stable address so that it can remember too).
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'dossier.layout.v1';

export interface Layout {
  sidebarWidth: number;
  listWidth: number;
}

export const DEFAULT_LAYOUT: Layout = { sidebarWidth: 230, listWidth: 380 };
export const LIMITS = { sidebarWidth: [160, 420], listWidth: [260, 720] } as const;

const clamp = (value: number, [min, max]: readonly [number, number]): number => Math.round(Math.min(max, Math.max(min, value)));

function readLayout(): Layout {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Layout>;
    return {
      sidebarWidth: clamp(Number(stored.sidebarWidth) || DEFAULT_LAYOUT.sidebarWidth, LIMITS.sidebarWidth),
      listWidth: clamp(Number(stored.listWidth) || DEFAULT_LAYOUT.listWidth, LIMITS.listWidth),
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function useLayout(): [Layout, (pane: keyof Layout, width: number) => void] {
  const [layout, setLayout] = useState(readLayout);
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
    } catch {
      // Storage may be disabled; the layout then lasts for this session only.
    }
  }, [layout]);
  const resize = useCallback((pane: keyof Layout, width: number) => {
    setLayout((current) => ({ ...current, [pane]: clamp(width, LIMITS[pane]) }));
  }, []);
  return [layout, resize];
}
