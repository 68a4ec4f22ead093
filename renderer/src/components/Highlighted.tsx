// Turns a search snippet's private-use markers into <mark> elements. The text is only ever passed to React as
// text nodes, so nothing in a snippet (even markup saved from a hostile page) can become HTML.
import { Fragment, type ReactNode } from 'react';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../electron/contract';

export interface Segment {
  text: string;
  marked: boolean;
}

export function splitHighlights(snippet: string): Segment[] {
  const segments: Segment[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current) segments.push({ text: current, marked });
    current = '';
  };
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START) {
      flush();
      marked = true;
    } else if (ch === HIGHLIGHT_END) {
      flush();
      marked = false;
    } else {
      current += ch;
    }
  }
  flush();
  return segments;
}

export function Highlighted({ text }: { text: string }): ReactNode {
  return (
    <>
      {splitHighlights(text).map((segment, index) =>
        segment.marked ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}
