import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { sessionStore } from './api/session';
import { takeUnexpectedCalls } from './testing/mock-api';

// findBy*/waitFor give up after 1 s by default: lazily loaded pages on a loaded 2-CPU CI machine
// sometimes need longer. A passing test does not wait any longer; a failing one fails after 15 s.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  if (typeof window === 'undefined') return; // node-environment specs (the bundle check)
  cleanup();
  sessionStore.set(null);
  localStorage.clear();
  const unexpected = takeUnexpectedCalls();
  if (unexpected.length) throw new Error(`The test called routes it did not set up (mockApi): ${[...new Set(unexpected)].join(', ')}`);
});
