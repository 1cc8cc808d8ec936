import { BadRequestException } from '@nestjs/common';
import { assertPublicUrl, UnsafeTargetError } from '@clockwork/server-core';

/**
 * The one place an integration's base_url is checked before it is stored: an http(s) URL
 * whose host resolves to public addresses only (the SSRF guard of core), unless private targets
 * are allowed (WEBHOOK_ALLOW_PRIVATE_TARGETS). A refusal is a 400 naming base_url.
 */
export async function checkIntegrationBaseUrl(baseUrl: string | null | undefined, allowPrivate: boolean): Promise<void> {
  if (baseUrl === null || baseUrl === undefined) return;
  try {
    await assertPublicUrl(baseUrl, allowPrivate);
  } catch (e) {
    if (!(e instanceof UnsafeTargetError)) throw e;
    const message = `base_url ${e.message}`;
    throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'base_url', errors: [message] }] });
  }
}
