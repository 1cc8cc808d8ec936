import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { Trim, OptionalUuid } from './validation';

/** Most recipients (to and cc each) and attachments one logged email keeps. */
export const MAX_EMAIL_RECIPIENTS = 100;
export const MAX_EMAIL_ATTACHMENTS = 20;
/** Characters of the body a timeline shows as the snippet. */
export const EMAIL_SNIPPET_CHARS = 200;

export const LOGGED_EMAIL_STATUSES = ['matched', 'unmatched'] as const;
export type LoggedEmailStatusName = (typeof LOGGED_EMAIL_STATUSES)[number];

/** The organization's inbound address; mail sent or BCC'd to it is logged. */
export class EmailInboxDto {
  @ApiProperty({ example: 'k3j9x2m4q8w7@inbound.example.com', description: 'BCC or forward mail to this address to log it' })
  address: string;

  @ApiProperty({ example: 'k3j9x2m4q8w7', description: 'The address token; also the path of the inbound-mail webhook' })
  token: string;

  @ApiProperty({ format: 'date-time', description: 'When the address (and the webhook secret) were last made' })
  updated_at: string;
}

/** A rotated address, with the inbound webhook's new signing secret (shown this once). */
export class RotatedEmailInboxDto extends EmailInboxDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Signing secret of POST /email-log/inbound/{token}; shown only here' })
  webhook_secret: string;
}

export class EmailParticipantDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Trim()
  @IsEmail({}, { message: 'address must be an email address' })
  @MaxLength(320, { message: 'address must be at most 320 characters' })
  address: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Ada Lovelace' })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string | null;
}

export class LoggedEmailAttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'proposal.pdf' })
  file_name: string;

  @ApiProperty({ example: 'application/pdf' })
  content_type: string;

  @ApiProperty({ example: 20480 })
  size_bytes: number;
}

/** A logged email as lists and timelines show it (no body). */
export class LoggedEmailSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '<CAF1=abc@mail.example.com>' })
  message_id: string;

  @ApiProperty({ enum: ['smtp', 'webhook'] })
  source: 'smtp' | 'webhook';

  @ApiProperty({ enum: LOGGED_EMAIL_STATUSES })
  status: LoggedEmailStatusName;

  @ApiProperty({ example: 'Re: proposal' })
  subject: string;

  @ApiProperty({ description: `The first ${EMAIL_SNIPPET_CHARS} characters of the text body` })
  snippet: string;

  @ApiProperty({ type: EmailParticipantDto })
  from: EmailParticipantDto;

  @ApiProperty({ type: [EmailParticipantDto] })
  to: EmailParticipantDto[];

  @ApiProperty({ type: [EmailParticipantDto] })
  cc: EmailParticipantDto[];

  @ApiProperty({ format: 'date-time', description: 'The Date header (or when it was received)' })
  sent_at: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class LoggedEmailPageDto extends PageOf(LoggedEmailSummaryDto) {}

/** One logged email whole: its bodies (decrypted), attachments and the records it is linked to. */
export class LoggedEmailDto extends LoggedEmailSummaryDto {
  @ApiProperty({ nullable: true, type: String })
  body_text: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'As received; render it sandboxed (never as the app\'s own HTML)' })
  body_html: string | null;

  @ApiProperty({ type: [LoggedEmailAttachmentDto] })
  attachments: LoggedEmailAttachmentDto[];

  @ApiProperty({ type: [String], format: 'uuid' })
  contact_ids: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  account_ids: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  deal_ids: string[];
}

/** `GET /email-log/emails`: the emails linked to one record (or every matched one), newest first. */
export class LoggedEmailQueryDto extends PageQueryDto {
  @OptionalUuid()
  contact_id?: string;

  @OptionalUuid()
  account_id?: string;

  @OptionalUuid()
  deal_id?: string;
}

/** `GET /email-log/unmatched`: the review list, newest first. */
export class UnmatchedEmailQueryDto extends PageQueryDto {}

/** Links an unmatched email to a contact (and so to its account and open deals). */
export class AssignEmailDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'contact_id must be a UUID' })
  contact_id: string;
}

export class InboundAttachmentDto {
  @ApiProperty({ example: 'proposal.pdf' })
  @IsString({ message: 'file_name must be a string' })
  @MaxLength(255, { message: 'file_name must be at most 255 characters' })
  @Matches(/\S/, { message: 'file_name must not be empty' })
  file_name: string;

  @ApiProperty({ example: 'application/pdf' })
  @IsString({ message: 'content_type must be a string' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'content_type must be a MIME type such as application/pdf' })
  content_type: string;

  @ApiProperty({ description: 'The file, base64' })
  @IsString({ message: 'content_base64 must be a string' })
  @Matches(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'content_base64 must be base64' })
  content_base64: string;
}

/**
 * The provider-neutral JSON of `POST /email-log/inbound/{token}` (a mail provider's inbound
 * parse webhook, translated): one email as the SMTP listener would have parsed it.
 */
export class InboundEmailDto {
  @ApiProperty({ example: '<CAF1=abc@mail.example.com>', description: 'The Message-ID header; the same id twice is stored once' })
  @Trim()
  @IsString({ message: 'message_id must be a string' })
  @MaxLength(998, { message: 'message_id must be at most 998 characters' })
  @Matches(/\S/, { message: 'message_id must not be empty' })
  message_id: string;

  @ApiProperty({ type: EmailParticipantDto })
  @ValidateNested()
  @Type(() => EmailParticipantDto)
  from: EmailParticipantDto;

  @ApiProperty({ type: [EmailParticipantDto], maxItems: MAX_EMAIL_RECIPIENTS })
  @IsArray({ message: 'to must be an array of addresses' })
  @ArrayMaxSize(MAX_EMAIL_RECIPIENTS, { message: `to must have at most ${MAX_EMAIL_RECIPIENTS} addresses` })
  @ValidateNested({ each: true })
  @Type(() => EmailParticipantDto)
  to: EmailParticipantDto[];

  @ApiPropertyOptional({ type: [EmailParticipantDto], maxItems: MAX_EMAIL_RECIPIENTS })
  @IsOptional()
  @IsArray({ message: 'cc must be an array of addresses' })
  @ArrayMaxSize(MAX_EMAIL_RECIPIENTS, { message: `cc must have at most ${MAX_EMAIL_RECIPIENTS} addresses` })
  @ValidateNested({ each: true })
  @Type(() => EmailParticipantDto)
  cc?: EmailParticipantDto[];

  @ApiPropertyOptional({ example: 'Re: proposal' })
  @IsOptional()
  @IsString({ message: 'subject must be a string' })
  @MaxLength(998, { message: 'subject must be at most 998 characters' })
  subject?: string;

  @ApiPropertyOptional({ description: 'The plain-text body' })
  @IsOptional()
  @IsString({ message: 'text must be a string' })
  text?: string;

  @ApiPropertyOptional({ description: 'The HTML body' })
  @IsOptional()
  @IsString({ message: 'html must be a string' })
  html?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The Date header; default: when it is received' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'date must be an ISO-8601 date-time' })
  date?: string;

  @ApiPropertyOptional({ type: [InboundAttachmentDto], maxItems: MAX_EMAIL_ATTACHMENTS })
  @IsOptional()
  @IsArray({ message: 'attachments must be an array' })
  @ArrayMaxSize(MAX_EMAIL_ATTACHMENTS, { message: `attachments must have at most ${MAX_EMAIL_ATTACHMENTS} files` })
  @ValidateNested({ each: true })
  @Type(() => InboundAttachmentDto)
  attachments?: InboundAttachmentDto[];
}

/** What the inbound webhook did with the email. */
export class InboundEmailReceiptDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: LOGGED_EMAIL_STATUSES })
  status: LoggedEmailStatusName;

  @ApiProperty({ description: 'true: this Message-ID was logged before; nothing new was stored' })
  duplicate: boolean;
}
