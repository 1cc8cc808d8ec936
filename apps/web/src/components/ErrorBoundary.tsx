import { Component, type ReactNode } from 'react';
import { Button } from './Button';
import { Icon } from './icons';

/** A page that failed to render (or whose code failed to load) says so instead of going blank. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="mx-auto mt-16 max-w-md rounded-2xl border border-rose-200 bg-white p-6 text-center shadow-sm">
        <span className="mx-auto flex size-10 items-center justify-center rounded-xl bg-rose-50 text-rose-600">
          <Icon name="alert" />
        </span>
        <p className="mt-3 font-semibold text-slate-900">Something went wrong</p>
        <p className="mt-1 text-sm text-slate-500">{this.state.error.message}</p>
        <Button className="mt-4" icon="refresh" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </div>
    );
  }
}
