/** The longest wait a refused request honours, and how often it is sent again. */
export const BUSY_MAX_WAIT_SECONDS = 5;
export const BUSY_RETRIES = 2;
/** Up to this much is added to each wait at random, so a page's refused requests do not all come back in the same instant. */
export const BUSY_JITTER_MS = 250;

/**
 * Sends `request`; when the server refuses it for load (503 with a `Retry-After` of at most
 * BUSY_MAX_WAIT_SECONDS seconds: the api did nothing with it, docs/api-contract.md), waits that
 * long (plus up to BUSY_JITTER_MS) and sends it again, up to BUSY_RETRIES times, writes included.
 * Any other answer, a 503 without Retry-After (a health report, a proxy) or a longer wait is
 * returned as it is.
 */
export async function fetchRetryingBusy(send: (request: Request) => Promise<Response>, request: Request, random: () => number = Math.random): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const again = attempt < BUSY_RETRIES ? request.clone() : null;
    const response = await send(request);
    const header = response.headers.get('Retry-After');
    const wait = header === null || header.trim() === '' ? NaN : Number(header);
    if (response.status !== 503 || !again || !(wait >= 0 && wait <= BUSY_MAX_WAIT_SECONDS)) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + random() * BUSY_JITTER_MS));
    request = again;
  }
}
