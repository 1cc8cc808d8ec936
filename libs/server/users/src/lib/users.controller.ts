import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UsersOnly, Roles } from '@clockwork/server-core';
import { CreateUserDto, ErrorResponseDto, ROLES, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from '@clockwork/shared-dto';
import { UsersService } from './users.service';

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
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @UsersOnly('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Email already in use' })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @UsersOnly('admin')
  @ApiOkResponse({ type: UserDto, description: 'Role changes and deactivation take effect at once' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }
}
