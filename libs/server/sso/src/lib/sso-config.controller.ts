import { Body, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { UsersOnly, ApiController } from '@clockwork/server-core';
import { ErrorResponseDto, PutSsoConfigDto, SsoConfigDto } from '@clockwork/shared-dto';
import { SsoConfigService } from './sso-config.service';

@ApiController('sso', 'sso')
export class SsoConfigController {
  constructor(private readonly configs: SsoConfigService) {}

  @Get('config')
  @UsersOnly('admin')
  @ApiOkResponse({ type: SsoConfigDto, description: 'The organization’s OpenID Connect provider (the client secret is never shown)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No SSO configured' })
  get(): Promise<SsoConfigDto> {
    return this.configs.get();
  }

  @Put('config')
  @UsersOnly('admin')
  @ApiOkResponse({ type: SsoConfigDto, description: 'Created or replaced; an omitted client_secret keeps the stored one' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The slug is taken' })
  put(@Body() dto: PutSsoConfigDto): Promise<SsoConfigDto> {
    return this.configs.put(dto);
  }
}
