// Ctrl/Cmd+K: type part of a title or name, arrow to it, Enter to open. Forgiving about typos (fuzzy matching over
// titles and names), with prefix search over everything as the fallback when that finds nothing.
import { useEffect, useRef, useState } from 'react';
import type { ItemType } from '../../../electron/contract';
import { api } from '../api';
import { useDebounced } from '../hooks';
import { Dialog } from './Dialog';
import { TypeBadge } from './TypeBadge';

interface Candidate {
  id: string;
  type: ItemType;
  title: string;
  detail?: string;
}

async function findCandidates(text: string): Promise<Candidate[]> {
  const quick = await api.quickFind({ query: text, limit: 12 });
  if (quick.ok && quick.value.hits.length > 0) {
    return quick.value.hits.map((hit) => ({ id: hit.id, type: hit.type, title: hit.title, detail: hit.matched.join(', ') || undefined }));
  }
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return [];
  const result = await api.search({ query: words.map((word) => `${word.replace(/["()*]/g, '')}*`).join(' '), limit: 12 });
  return result.ok ? result.value.hits.map((hit) => ({ id: hit.id, type: hit.type, title: hit.title, detail: hit.date ?? undefined })) : [];
}

export function QuickSwitcher({ onClose, onOpen }: { onClose: () => void; onOpen: (id: string) => void }) {
  const [text, setText] = useState('');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [selected, setSelected] = useState(0);
  const settled = useDebounced(text.trim(), 120);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    let live = true;
    if (!settled) {
      setCandidates([]);
      return;
    }
    void findCandidates(settled).then((found) => {
      if (!live) return;
      setCandidates(found);
      setSelected(0);
    });
    return () => {
      live = false;
    };
  }, [settled]);

  const choose = (index: number) => {
    const candidate = candidates[index];
    if (candidate) onOpen(candidate.id);
  };

  return (
    <Dialog title="Open an item" testId="quick-switcher" onClose={onClose}>
      <input
        ref={inputRef}
        className="switcher-input"
        dir="auto"
        placeholder="Title, speaker, place…"
        value={text}
        aria-label="Find an item by name"
        aria-controls="switcher-results"
        aria-activedescendant={candidates[selected] ? `switcher-${candidates[selected]!.id}` : undefined}
        data-testid="quick-switcher-input"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setSelected((index) => Math.min(candidates.length - 1, index + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setSelected((index) => Math.max(0, index - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            choose(selected);
          }
        }}
      />
      <ul id="switcher-results" className="switcher-results" role="listbox" data-testid="quick-switcher-results">
        {candidates.map((candidate, index) => (
          <li
            key={candidate.id}
            id={`switcher-${candidate.id}`}
            role="option"
            aria-selected={index === selected}
            className={index === selected ? 'selected' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(index);
            }}
          >
            <TypeBadge type={candidate.type} />
            <span dir="auto" className="switcher-title">{candidate.title}</span>
            {candidate.detail ? <span className="muted small" dir="auto">{candidate.detail}</span> : null}
          </li>
        ))}
        {settled && candidates.length === 0 ? <li className="muted">Nothing by that name.</li> : null}
      </ul>
    </Dialog>
  );
}
