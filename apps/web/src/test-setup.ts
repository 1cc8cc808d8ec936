import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { sessionStore } from './api/session';

afterEach(() => {
  if (typeof window === 'undefined') return; // node-environment specs (the bundle check)
  cleanup();
  sessionStore.set(null);
  localStorage.clear();
});
