/**
 * `work`, or a rejection `<what> timed out after <ms> ms`: a Bull call on a Redis that is down
 * waits forever otherwise, and the caller's transaction would hold its locks meanwhile.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
