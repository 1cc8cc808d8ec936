import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { Role, ROLES } from './roles';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organization_id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ nullable: true, type: String })
  linked_employee_id: string | null;

  @ApiProperty()
  is_active: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_login_at: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export class UserPageDto extends PageOf(UserDto) {}

export class CreateUserDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  linked_employee_id?: string | null;
}

export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['name', 'role', 'linked_employee_id'] as const)) {
  @ApiPropertyOptional({ description: 'false deactivates the user: no login, sessions revoked' })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class CreateInvitationDto extends PickType(CreateUserDto, ['name', 'email', 'role'] as const) {}

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status: InvitationStatus;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Who sent it' })
  invited_by: string | null;

  @ApiProperty({ format: 'date-time', description: 'The link stops working then' })
  expires_at: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto], description: 'Pending invitations (not accepted, revoked or expired), oldest first' })
  data: InvitationDto[];
}
