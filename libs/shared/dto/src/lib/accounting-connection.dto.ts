import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export const ACCOUNTING_PROVIDERS = ['generic-oauth'] as const;
export type AccountingProviderName = (typeof ACCOUNTING_PROVIDERS)[number];

const url = (field: string) => IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: `${field} must be an http(s) URL` });

/** The OAuth client and URLs of a `generic-oauth` accounting system (docs/accounting-exports.md). */
export class ConnectAccountingDto {
  @ApiProperty({ example: 'https://login.books.example/oauth/authorize' }) @url('authorize_url') @MaxLength(2000) authorize_url: string;
  @ApiProperty({ example: 'https://login.books.example/oauth/token' }) @url('token_url') @MaxLength(2000) token_url: string;
  @ApiProperty({ example: 'https://api.books.example/v1', description: 'Base of POST /invoices and GET /invoices/{id}' }) @url('api_url') @MaxLength(2000) api_url: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'RFC 7009 revocation endpoint, called on disconnect' }) @IsOptional() @url('revoke_url') @MaxLength(2000) revoke_url?: string | null;
  @ApiProperty() @IsString({ message: 'client_id must be text' }) @MinLength(1, { message: 'client_id must not be empty' }) @MaxLength(500) client_id: string;
  @ApiProperty({ writeOnly: true, description: 'Stored encrypted, never shown again' }) @IsString({ message: 'client_secret must be text' }) @MinLength(1, { message: 'client_secret must not be empty' }) @MaxLength(2000) client_secret: string;
  @ApiPropertyOptional({ example: 'offline_access invoices', description: 'Space-separated scopes to ask for' }) @IsOptional() @IsString({ message: 'scopes must be text' }) @MaxLength(1000) scopes?: string;
}

export class AccountingAuthorizeDto {
  @ApiProperty({ description: "The provider's authorization URL to send the browser to (state and PKCE challenge included); the answer also sets the HttpOnly cookie the callback checks" })
  authorize_url: string;
}

export class AccountingConnectionDto {
  @ApiProperty({ enum: ACCOUNTING_PROVIDERS }) provider: AccountingProviderName;
  @ApiProperty({ enum: ['pending', 'connected'] }) status: 'pending' | 'connected';
  @ApiProperty() authorize_url: string;
  @ApiProperty() token_url: string;
  @ApiProperty() api_url: string;
  @ApiProperty({ nullable: true, type: String }) revoke_url: string | null;
  @ApiProperty() client_id: string;
  @ApiProperty() scopes: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the access token expires (it is refreshed a minute before)' }) token_expires_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) connected_at: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) connected_by: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The last failure talking to the provider (token refresh)' }) last_error: string | null;
}

export class AccountingPushAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() succeeded: boolean;
  @ApiProperty({ nullable: true, type: Number }) status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class AccountingPushDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) invoice_id: string;
  @ApiProperty({ nullable: true, type: String }) invoice_number: string | null;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) state: 'pending' | 'succeeded' | 'failed';
  @ApiProperty() attempts: number;
  @ApiProperty({ type: [AccountingPushAttemptDto] }) attempt_log: AccountingPushAttemptDto[];
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The provider's id of the invoice" }) external_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The status last read back from the provider' }) external_status: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the paid status was read back (the CRM invoice was marked paid then)' }) paid_read_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class AccountingPushListDto {
  @ApiProperty({ type: [AccountingPushDto], description: 'The newest 100 pushes' }) data: AccountingPushDto[];
}
