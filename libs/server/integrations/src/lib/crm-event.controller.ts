import { Controller, Headers, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiHeader, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public, PostAction } from '@clockwork/server-core';
import { CrmEventDto, CrmEventReceiptDto, ErrorResponseDto } from '@clockwork/shared-dto';
import type { Request } from 'express';
import { CrmEventReceiver } from './crm-event-receiver.service';

/** The productivity platform's signed events (Standard Webhooks; see docs/productivity-sync.md). */
@ApiTags('webhooks')
@Controller('webhooks/crm-event')
export class CrmEventController {
  constructor(private readonly receiver: CrmEventReceiver) {}

  @PostAction(':integration_id')
  @Public()
  @ApiHeader({ name: 'webhook-id', required: true, description: 'Unique per event; a redelivery with the same id is processed once' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; refused beyond 5 minutes either way' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: 'Space-separated `v1,<base64 HMAC-SHA256 of {id}.{timestamp}.{raw body}>`; one match is enough' })
  @ApiBody({ type: CrmEventDto })
  @ApiOkResponse({ type: CrmEventReceiptDto, description: 'Processed, or a duplicate of a webhook-id processed before' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Well signed, but the body is not a valid event (the field is named)' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing header, stale or future timestamp, bad signature, unknown or disabled integration: nothing stored' })
  receive(
    @Param('integration_id', new ParseUUIDPipe()) integrationId: string,
    @Req() req: Request,
    @Headers('webhook-id') id?: string,
    @Headers('webhook-timestamp') timestamp?: string,
    @Headers('webhook-signature') signature?: string,
  ): Promise<CrmEventReceiptDto> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.receiver.receive(integrationId, { id, timestamp, signature, body });
  }
}
