import { BadRequestException } from '@nestjs/common';
import { flattenValidationErrors } from '@clockwork/server-core';
import { InboundEmailDto, type FieldErrorDto } from '@clockwork/shared-dto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { InboundEmail } from './inbound-email.types';

function invalid(details: FieldErrorDto[]): BadRequestException {
  return new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
}

/**
 * Reads a verified inbound-mail webhook body: the provider-neutral JSON of InboundEmailDto.
 * Anything else is a 400 naming the field (`body`, `from.address`, `to.0.address`, ...).
 */
export function parseInboundEmail(body: Buffer): InboundEmail {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid([{ field: 'body', errors: ['body must be JSON'] }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid([{ field: 'body', errors: ['body must be a JSON object (see docs/email-logging.md)'] }]);
  const dto = plainToInstance(InboundEmailDto, parsed);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw invalid(flattenValidationErrors(errors));
  const lower = (p: { address: string; name?: string | null }) => ({ address: p.address.trim().toLowerCase(), name: p.name?.trim() || null });
  return {
    messageId: dto.message_id,
    from: lower(dto.from),
    to: dto.to.map(lower),
    cc: (dto.cc ?? []).map(lower),
    subject: dto.subject?.trim() ?? '',
    text: dto.text ?? null,
    html: dto.html ?? null,
    sentAt: dto.date ? new Date(dto.date) : new Date(),
    attachments: (dto.attachments ?? []).map((a) => ({ fileName: a.file_name.trim(), contentType: a.content_type, content: Buffer.from(a.content_base64, 'base64') })),
  };
}
