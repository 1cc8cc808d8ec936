import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { OrganizationDto, UserDto } from './user.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

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

  @ApiProperty({ example: 'ada@acme.test' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 256, example: 'correct horse battery staple' })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@acme.test' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last token response' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
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
  @ApiProperty({ description: 'The password the user signs in with now' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  current_password: string;

  @ApiProperty({ minLength: 10, maxLength: 256, description: PASSWORD_RULE })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  new_password: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'ada@acme.test' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 256, description: PASSWORD_RULE })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  new_password: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token of the mailed verification link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the mailed invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 256, description: PASSWORD_RULE })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;
}

/** A request taken in that is finished by a mailed link; says nothing about whether the address is known. */
export class AcceptedResponseDto {
  @ApiProperty({ enum: ['verification_sent', 'reset_requested'] })
  status: 'verification_sent' | 'reset_requested';

  @ApiProperty({ example: 'Check your email: we sent a link to finish.' })
  message: string;
}
