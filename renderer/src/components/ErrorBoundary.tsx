// Last line of defence against a blank window: a rendering bug shows what broke and a way back, not nothing.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Dossier window crashed while drawing:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="connect-screen" data-testid="crash-screen">
        <div className="connect-card">
          <h1>Something in this window broke</h1>
          <p>Your archive is not affected: every change is saved as it is made.</p>
          <p className="mono" dir="auto" role="alert">
            {error.message}
          </p>
          <button type="button" className="button primary" onClick={() => this.setState({ error: null })}>
            Try to continue
          </button>{' '}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
