// The `?` sheet: every shortcut, from the same table the key handler uses.
import { NAVIGATION_KEYS, SHORTCUTS } from '../shortcuts';
import { Dialog } from './Dialog';

function Keys({ keys, isMac }: { keys: string[]; isMac: boolean }) {
  return (
    <span className="keys">
      {keys.map((name, index) => (
        <span key={name}>
          {index > 0 ? '+' : null}
          <kbd>{name === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : name === 'Alt' && isMac ? '⌥' : name}</kbd>
        </span>
      ))}
    </span>
  );
}

export function ShortcutSheet({ onClose, isMac }: { onClose: () => void; isMac: boolean }) {
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcut-sheet" onClose={onClose}>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>
                <Keys keys={shortcut.keys} isMac={isMac} />
              </td>
              <td>{shortcut.label}</td>
            </tr>
          ))}
          {NAVIGATION_KEYS.map(([keys, label]) => (
            <tr key={label}>
              <td>
                <Keys keys={keys} isMac={isMac} />
              </td>
              <td>{label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
