import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { sessionStore } from './api/session';
import { takeUnexpectedCalls } from './testing/mock-api';

afterEach(() => {
  if (typeof window === 'undefined') return; // node-environment specs (the bundle check)
  cleanup();
  sessionStore.set(null);
  localStorage.clear();
  const unexpected = takeUnexpectedCalls();
  if (unexpected.length) throw new Error(`The test called routes it did not set up (mockApi): ${[...new Set(unexpected)].join(', ')}`);
});
