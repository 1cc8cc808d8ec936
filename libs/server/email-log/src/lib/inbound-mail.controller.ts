import { Controller, Headers, Param, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, InboundEmailDto, InboundEmailReceiptDto } from '@clockwork/shared-dto';
import type { Request } from 'express';
import { EmailInboxService } from './email-inbox.service';

/** A mail provider's inbound webhook, in the provider-neutral JSON (docs/email-logging.md), signed with Standard Webhooks. */
@ApiTags('email-log')
@Controller('email-log/inbound')
export class InboundMailController {
  constructor(private readonly inbox: EmailInboxService) {}

  @PostAction(':token')
  @Public()
  @ApiOperation({ summary: 'Logs one email received by a mail provider for the inbound address {token}' })
  @ApiHeader({ name: 'webhook-id', required: true, description: 'Unique per delivery' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; refused beyond 5 minutes either way' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: 'Space-separated `v1,<base64 HMAC-SHA256 of {id}.{timestamp}.{raw body}>` with the address\'s webhook secret' })
  @ApiBody({ type: InboundEmailDto })
  @ApiOkResponse({ type: InboundEmailReceiptDto, description: 'Logged, or a duplicate of a Message-ID logged before' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A malformed token, or a well-signed body that is not a valid email (the field is named)' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing header, stale or future timestamp, bad signature, unknown address: nothing stored' })
  receive(
    @Param('token') token: string,
    @Req() req: Request,
    @Headers('webhook-id') id?: string,
    @Headers('webhook-timestamp') timestamp?: string,
    @Headers('webhook-signature') signature?: string,
  ): Promise<InboundEmailReceiptDto> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.inbox.receive(token, { id, timestamp, signature, body });
  }
}
