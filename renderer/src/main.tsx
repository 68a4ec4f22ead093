// Entry point of the renderer. Order matters: zod is configured before the contract builds its schemas, and the
// api module runs before React so that the browser-mode token leaves the URL at once.
import './zod-setup';
import './api';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
