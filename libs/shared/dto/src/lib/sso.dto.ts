import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { Role, ROLES } from './roles';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerAll = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value);

/** An organization's OpenID Connect provider, as its admin sets it. */
export class PutSsoConfigDto {
  @ApiProperty({ example: 'https://login.example.com', description: 'The provider issuer; its /.well-known/openid-configuration is read at each login' })
  @Transform(trim)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'issuer_url must be an http(s) URL' })
  @MaxLength(2000)
  issuer_url: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  client_id: string;

  @ApiPropertyOptional({ description: 'Write-only, stored encrypted; omit to keep the stored one' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  client_secret?: string;

  @ApiProperty({ type: [String], maxItems: 50, example: ['acme.com'], description: 'Email domains this provider may sign in (and create users for)' })
  @Transform(lowerAll)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { each: true, message: 'allowed_domains must be domain names like acme.com' })
  allowed_domains: string[];

  @ApiPropertyOptional({ enum: ROLES, description: 'Role of users created at their first SSO login; default sales' })
  @IsOptional()
  @IsIn(ROLES)
  default_role?: Role;

  @ApiPropertyOptional({ description: 'Default true' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'acme', nullable: true, type: String, description: 'A short name for the login URL /auth/sso/{slug}/start (the organization id works too)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'slug must be 2-63 lowercase letters, digits or dashes' })
  slug?: string | null;
}

export class SsoConfigDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String })
  slug: string | null;

  @ApiProperty()
  issuer_url: string;

  @ApiProperty()
  client_id: string;

  @ApiProperty({ description: 'Whether a client secret is stored (it is never shown)' })
  client_secret_set: boolean;

  @ApiProperty({ type: [String] })
  allowed_domains: string[];

  @ApiProperty({ enum: ROLES })
  default_role: Role;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ description: 'The redirect URI to register at the provider' })
  redirect_uri: string;

  @ApiProperty({ description: 'Where users start an SSO login' })
  login_url: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

/** The one-time code a finished SSO login hands the web app (in the landing URL's fragment). */
export class SsoExchangeDto {
  @ApiProperty({ description: 'The code from <WEB_APP_URL>/sso#code=...: single use, valid 60 seconds', example: 'Yl1o8mK0q3V1f8Cq2m6w6d9yq0r7x4sT2u5v8w1z3a0' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  code: string;
}
