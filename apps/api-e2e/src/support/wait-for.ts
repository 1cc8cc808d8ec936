// The polling helper lives in the shared test support (web-e2e uses it too).
export { waitFor } from '@clockwork/testing-support';
