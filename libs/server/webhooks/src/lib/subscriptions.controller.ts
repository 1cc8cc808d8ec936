import { Body, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { listOrCsv, Roles, IdParam, ApiRecord, ApiController, GetRecord, ListRecords, CreateRecord, PostAction } from '@clockwork/server-core';
import { CreateWebhookSubscriptionDto, ErrorResponseDto, PageQueryDto, PatchWebhookSubscriptionDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDeliveryQueryDto, WebhookSubscriptionDto, WebhookSubscriptionPageDto, WebhookSubscriptionWithSecretDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { DeliveriesService } from './deliveries.service';
import { SubscriptionsService } from './subscriptions.service';
import { DELIVERY_CSV_COLUMNS, SUBSCRIPTION_CSV_COLUMNS } from './webhook.mapper';

const SIGNING =
  'Deliveries are POSTed as `{ id, type, timestamp, organization_id, data }`, signed per Standard Webhooks (`webhook-id` = `msg_<event id>` on every attempt and redelivery, `webhook-timestamp`, `webhook-signature: v1,<base64>`; during a rotation overlap two signatures, space-separated). Non-2xx answers and timeouts are retried per WEBHOOK_RETRY_SCHEDULE (Retry-After honoured); 410 Gone disables the subscription.';

@ApiController('webhooks', 'webhooks/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @ListRecords(WebhookSubscriptionPageDto)
  @Roles('admin')
  list(@Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<WebhookSubscriptionPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'webhook-subscriptions.csv', columns: SUBSCRIPTION_CSV_COLUMNS }, (q) => this.subscriptions.list(q));
  }

  @CreateRecord(WebhookSubscriptionWithSecretDto, 'The secret is shown only now')
  @Roles('admin')
  @ApiOperation({ summary: 'Subscribe a URL to events', description: SIGNING })
  create(@Body() dto: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionWithSecretDto> {
    return this.subscriptions.create(dto);
  }

  @GetRecord(WebhookSubscriptionDto)
  @Roles('admin')
  get(@IdParam() id: string): Promise<WebhookSubscriptionDto> {
    return this.subscriptions.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiRecord(WebhookSubscriptionDto)
  update(@IdParam() id: string, @Body() dto: PatchWebhookSubscriptionDto): Promise<WebhookSubscriptionDto> {
    return this.subscriptions.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The subscription and its delivery log are gone' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@IdParam() id: string): Promise<void> {
    return this.subscriptions.remove(id);
  }

  @PostAction(':id/rotate-secret')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the secret', description: 'The old secret keeps signing too (a second signature) for WEBHOOK_SECRET_OVERLAP_HOURS.' })
  @ApiRecord(WebhookSubscriptionWithSecretDto, 'The new secret is shown only now')
  rotateSecret(@IdParam() id: string): Promise<WebhookSubscriptionWithSecretDto> {
    return this.subscriptions.rotateSecret(id);
  }

  @Get(':id/deliveries')
  @Roles('admin')
  @ApiOperation({ summary: 'The delivery log', description: 'Each delivery with its state and every attempt (status code, latency, first 1 KB of the answer, error).' })
  @ApiProduces('application/json', 'text/csv')
  @ApiRecord(WebhookDeliveryPageDto)
  listDeliveries(@IdParam() id: string, @Query() query: WebhookDeliveryQueryDto, @Res({ passthrough: true }) res: Response): Promise<WebhookDeliveryPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'webhook-deliveries.csv', columns: DELIVERY_CSV_COLUMNS }, (q) => this.deliveries.list(id, q));
  }

  @Post(':id/deliveries/:delivery_id/redeliver')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a delivery again', description: 'Same body and webhook-id, from the start of the retry schedule; the worker sends it within WEBHOOK_POLL_MS.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The subscription is disabled' })
  redeliver(@IdParam() id: string, @Param('delivery_id') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.deliveries.redeliver(id, deliveryId);
  }

  @Post(':id/test')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a `webhook.test` event', description: 'Delivered like any event (signed, retried, logged), whatever the subscription\'s filters.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The subscription is disabled' })
  sendTest(@IdParam() id: string): Promise<WebhookDeliveryDto> {
    return this.deliveries.sendTest(id);
  }
}
