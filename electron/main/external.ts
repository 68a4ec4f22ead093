// Leaving the archive for the web is a deliberate act: only http(s) addresses, shown in full, after a yes.
import { dialog, shell, type BrowserWindow } from 'electron';

export function parseWebUrl(raw: string): URL | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export async function confirmAndOpenExternal(raw: string, window: BrowserWindow | null): Promise<boolean> {
  const url = parseWebUrl(raw);
  if (!url) return false;
  const options = {
    type: 'warning' as const,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    title: 'Open a web address',
    message: 'Open this address in your web browser?',
    detail: `${url.href}\n\nThe site will see your IP address and may learn that someone is looking at it.`,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response !== 1) return false;
  await shell.openExternal(url.href);
  return true;
}
