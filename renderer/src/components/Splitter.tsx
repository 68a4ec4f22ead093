// A draggable, keyboard-operable divider between two panes (arrow keys move it by 16 px, Home resets it).
import { useRef } from 'react';

interface SplitterProps {
  label: string;
  width: number;
  min: number;
  max: number;
  defaultWidth: number;
  onResize: (width: number) => void;
  testId: string;
}

export function Splitter({ label, width, min, max, defaultWidth, onResize, testId }: SplitterProps) {
  const start = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={(event) => {
        start.current = { x: event.clientX, width };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        if (start.current) onResize(start.current.width + (event.clientX - start.current.x));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 64 : 16;
        if (event.key === 'ArrowLeft') onResize(width - step);
        else if (event.key === 'ArrowRight') onResize(width + step);
        else if (event.key === 'Home') onResize(defaultWidth);
        else return;
        event.preventDefault();
      }}
    />
  );
}
