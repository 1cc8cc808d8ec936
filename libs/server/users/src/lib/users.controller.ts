import { Body, Get, Patch, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { listOrCsv, Roles, UsersOnly, IdParam, ApiRecord, ApiController, GetRecord, ListRecords, CreateRecord } from '@clockwork/server-core';
import { CreateUserDto, ErrorResponseDto, ROLES, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { UsersService } from './users.service';

const USER_CSV_COLUMNS = ['id', 'name', 'email', 'role', 'linked_employee_id', 'is_active', 'last_login_at', 'created_at', 'updated_at'];

@ApiController('users', 'users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @UsersOnly(...ROLES)
  @ApiOkResponse({ type: UserDto, description: 'The signed-in user' })
  me(): Promise<UserDto> {
    return this.users.me();
  }

  @ListRecords(UserPageDto)
  @Roles('admin', 'manager')
  list(@Query() query: UserQueryDto, @Res({ passthrough: true }) res: Response): Promise<UserPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'users.csv', columns: USER_CSV_COLUMNS }, (q) => this.users.list(q));
  }

  @GetRecord(UserDto)
  @Roles('admin', 'manager')
  get(@IdParam() id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @CreateRecord(UserDto)
  @UsersOnly('admin')
  @ApiOperation({ deprecated: true, summary: 'Creates a user with a password the admin chooses; invite people instead (POST /users/invitations), so they set their own' })
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
