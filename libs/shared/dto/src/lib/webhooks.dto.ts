import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalNotNull, Trim, OptionalText, OptionalOneOf } from './validation';
import { isWebhookEventFilter, WEBHOOK_EVENT_FAMILIES, WEBHOOK_EVENT_NAMES } from './webhooks-events';

const EVENTS_DOC = `Event names (${WEBHOOK_EVENT_NAMES.join(', ')}, ${WEBHOOK_EVENT_FAMILIES.map((f) => `${f}.<action>`).join(', ')}), a family wildcard such as \`deal.*\`, or \`*\` for all`;

/** Each entry must be an event name of the contract, `family.*` or `*`; the message names the bad ones. */
function IsWebhookEventList(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookEventList',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every((e) => typeof e === 'string' && isWebhookEventFilter(e)),
        defaultMessage: (args: ValidationArguments) => {
          const bad = (Array.isArray(args.value) ? args.value : [args.value]).filter((e: unknown) => typeof e !== 'string' || !isWebhookEventFilter(e));
          return `events has unknown event names: ${bad.map((e: unknown) => JSON.stringify(e)).join(', ')} (use names from the event list, family.* or *)`;
        },
      },
    });
}

export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://hooks.example.com/clockwork' }) url: string;
  @ApiProperty({ type: [String], example: ['task.created', 'deal.*'], description: EVENTS_DOC }) events: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'Disabled subscriptions receive nothing; 410 Gone from the receiver or days of failures disable it' }) enabled: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'gone', description: '`gone` (the receiver answered 410), `failing` (every delivery failed for WEBHOOK_DISABLE_AFTER_HOURS), `manual` (PATCH enabled: false) or null' })
  disabled_reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) disabled_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Until when deliveries are also signed with the secret replaced by the last rotation' })
  previous_secret_expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Since when every attempt has failed (null once one succeeds)' })
  failing_since: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** Creation and rotation answers: the only times the secret is shown. */
export class WebhookSubscriptionWithSecretDto extends WebhookSubscriptionDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks secret (`whsec_` + base64 of 32 bytes); shown only now' })
  secret: string;
}

export class WebhookSubscriptionPageDto extends PageOf(WebhookSubscriptionDto) {}

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: 'https://hooks.example.com/clockwork', description: 'Public http(s) URL (loopback, private and metadata addresses are refused)' })
  @Trim()
  @IsString({ message: 'url must be an absolute http(s) URL' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ type: [String], example: ['task.created', 'deal.*'], description: EVENTS_DOC })
  @IsArray({ message: 'events must be an array of event names' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(50)
  @IsWebhookEventList()
  events: string[];

  @OptionalText(500)
  description?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class PatchWebhookSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/clockwork' })
  @OptionalNotNull()
  @Trim()
  @IsString({ message: 'url must be an absolute http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], description: EVENTS_DOC })
  @OptionalNotNull()
  @IsArray({ message: 'events must be an array of event names' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(50)
  @IsWebhookEventList()
  events?: string[];

  @OptionalText(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Re-enabling clears the disabled reason and the failure streak' })
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export const WEBHOOK_DELIVERY_STATE_VALUES = ['pending', 'succeeded', 'failed'] as const;

export class WebhookDeliveryAttemptDto {
  @ApiProperty({ description: '1 for the first attempt; counts on across redeliveries' }) attempt: number;
  @ApiProperty({ nullable: true, type: Number, description: 'HTTP status of the answer; null when none came (timeout, refused connection)' }) status_code: number | null;
  @ApiProperty() latency_ms: number;
  @ApiProperty({ nullable: true, type: String, description: 'The first 1 KB of the answer body, as text' }) response_excerpt: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() succeeded: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'msg_0190c7a2-0000-7000-8000-000000000000', description: 'The webhook-id header: the same on every attempt and redelivery' }) message_id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The event (payload `id`); null for test deliveries' }) event_id: string | null;
  @ApiProperty({ example: 'task.created' }) event_type: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATE_VALUES }) state: 'pending' | 'succeeded' | 'failed';
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the next attempt is due (pending only)' }) next_attempt_at: string | null;
  @ApiProperty({ nullable: true, type: Number }) last_status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completed_at: string | null;
  @ApiProperty({ type: [WebhookDeliveryAttemptDto], description: 'Every attempt, oldest first' }) attempt_log: WebhookDeliveryAttemptDto[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class WebhookDeliveryPageDto extends PageOf(WebhookDeliveryDto) {}

export class WebhookDeliveryQueryDto extends PageQueryDto {
  @OptionalOneOf(WEBHOOK_DELIVERY_STATE_VALUES)
  state?: 'pending' | 'succeeded' | 'failed';

  @ApiPropertyOptional({ example: 'task.created' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  event_type?: string;
}
