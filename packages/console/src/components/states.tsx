import type { ComponentChildren } from 'preact';
import { errorText } from '../state/errors.js';

/** A page or section still loading. */
export function Loading({ label }: { label: string }) {
  return (
    <div class="state" role="status" aria-busy="true" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="state empty" data-testid="empty">
      {children}
    </div>
  );
}

/** A load that failed, with a way to try again. */
export function Failed({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div class="state failed" role="alert" data-testid="error">
      <p>
        <strong>{title}</strong> {errorText(error)}
      </p>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
