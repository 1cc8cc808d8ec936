import { Body, Controller, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listOrCsv, Roles, UsersOnly, IdParam, ApiPageOrCsv, ApiRecord } from '@clockwork/server-core';
import { CreateUserDto, ErrorResponseDto, ROLES, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { UsersService } from './users.service';

const USER_CSV_COLUMNS = ['id', 'name', 'email', 'role', 'linked_employee_id', 'is_active', 'last_login_at', 'created_at', 'updated_at'];

@ApiTags('users')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: UserDto, description: 'The signed-in user' })
  me(): Promise<UserDto> {
    return this.users.me();
  }

  @Get()
  @Roles('admin', 'manager')
  @ApiPageOrCsv(UserPageDto)
  list(@Query() query: UserQueryDto, @Res({ passthrough: true }) res: Response): Promise<UserPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'users.csv', columns: USER_CSV_COLUMNS }, (q) => this.users.list(q));
  }

  @Get(':id')
  @Roles('admin', 'manager')
  @ApiRecord(UserDto)
  get(@IdParam() id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @UsersOnly('admin')
  @ApiOperation({ deprecated: true, summary: 'Creates a user with a password the admin chooses; invite people instead (POST /users/invitations), so they set their own' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Email already in use' })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @UsersOnly('admin')
  @ApiRecord(UserDto, 'Role changes and deactivation take effect at once')
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }
}
