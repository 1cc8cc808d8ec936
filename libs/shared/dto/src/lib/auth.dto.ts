import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { OrganizationDto, UserDto } from './user.dto';
import { stacked } from './validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A required, non-empty string of at most `max` characters (a secret or a token: not trimmed). */
const NonEmptyString = (max: number, api: ApiPropertyOptions = {}) => stacked(ApiProperty(api), IsString(), IsNotEmpty(), MaxLength(max));

/** The email address someone signs in with: trimmed and lower-cased. */
const SignInEmail = () => stacked(ApiProperty({ example: 'ada@acme.test' }), Transform(trimLower), IsEmail(), MaxLength(320));

/** A password being chosen: 10 to 256 characters (the service checks how hard it is to guess). */
const NewPassword = (api: ApiPropertyOptions) => stacked(ApiProperty({ minLength: 10, maxLength: 256, ...api }), IsString(), MinLength(10), MaxLength(256));

export class SignupDto {
  @ApiProperty({ example: 'Acme Consulting' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organization_name: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @SignInEmail()
  email: string;

  @NewPassword({ example: 'correct horse battery staple' })
  password: string;
}

export class LoginDto {
  @SignInEmail()
  email: string;

  @NonEmptyString(256)
  password: string;
}

export class RefreshDto {
  @NonEmptyString(512, { description: 'The refresh token of the last token response' })
  refresh_token: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer`' })
  access_token: string;

  @ApiProperty({ description: 'Opaque, single use: spent by /auth/refresh' })
  refresh_token: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expires_in: number;

  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({ type: OrganizationDto })
  organization: OrganizationDto;
}

const PASSWORD_RULE = 'At least 10 characters and hard to guess (zxcvbn score 3 of 4, your name, email and organization count against it)';

export class ChangePasswordDto {
  @NonEmptyString(256, { description: 'The password the user signs in with now' })
  current_password: string;

  @NewPassword({ description: PASSWORD_RULE })
  new_password: string;
}

export class PasswordResetRequestDto {
  @SignInEmail()
  email: string;
}

export class PasswordResetConfirmDto {
  @NonEmptyString(512, { description: 'The token of the mailed link' })
  token: string;

  @NewPassword({ description: PASSWORD_RULE })
  new_password: string;
}

export class VerifyEmailDto {
  @NonEmptyString(512, { description: 'The token of the mailed verification link' })
  token: string;
}

export class AcceptInvitationDto {
  @NonEmptyString(512, { description: 'The token of the mailed invitation link' })
  token: string;

  @NewPassword({ description: PASSWORD_RULE })
  password: string;
}

/** A request taken in that is finished by a mailed link; says nothing about whether the address is known. */
export class AcceptedResponseDto {
  @ApiProperty({ enum: ['verification_sent', 'reset_requested'] })
  status: 'verification_sent' | 'reset_requested';

  @ApiProperty({ example: 'Check your email: we sent a link to finish.' })
  message: string;
}
