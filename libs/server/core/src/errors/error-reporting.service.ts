import * as Sentry from '@sentry/node';
import { scrubText } from '../logging/request-log.middleware';

let enabled = false;

/** Keeps an event to the error and where it happened: no request bodies, cookies, headers, query strings or user data; messages scrubbed. */
export function scrubEvent<T extends Sentry.ErrorEvent>(event: T): T {
  if (event.request) event.request = { method: event.request.method, url: event.request.url?.split('?')[0] };
  // Error messages are free text: the same scrubbing as log lines (emails, tokens, secrets).
  for (const value of event.exception?.values ?? []) if (value.value) value.value = scrubText(value.value);
  if (typeof event.message === 'string') event.message = scrubText(event.message);
  delete event.user;
  delete event.extra;
  if (event.breadcrumbs) event.breadcrumbs = [];
  return event;
}

/**
 * Optional error reporting (SENTRY_DSN; empty: off), started once per process by the api and
 * the worker. Only what `reportError` hands over is sent (5xx errors, failed jobs), scrubbed.
 */
export function initErrorReporting(dsn: string, environment: string, service: 'api' | 'worker'): void {
  if (!dsn || enabled) return;
  Sentry.init({
    dsn,
    environment,
    serverName: service,
    defaultIntegrations: false,
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: () => null,
  });
  enabled = true;
}

export function reportError(error: unknown, tags: Record<string, string> = {}): void {
  if (enabled) Sentry.captureException(error, { tags });
}

export const errorReportingEnabled = () => enabled;
