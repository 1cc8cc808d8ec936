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
