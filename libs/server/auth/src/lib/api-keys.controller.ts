import { Body, Controller, Delete, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UsersOnly, IdParam, CreateRecord } from '@clockwork/server-core';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto, ErrorResponseDto } from '@clockwork/shared-dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@UsersOnly('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @CreateRecord(CreatedApiKeyDto, 'The key is in `key`, shown this once')
  create(@Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(): Promise<ApiKeyListDto> {
    return { data: await this.keys.list(), next_cursor: null };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked; requests with it answer 401 from now on' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revoke(@IdParam() id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
