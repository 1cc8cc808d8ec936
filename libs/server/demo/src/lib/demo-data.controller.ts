import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersOnly } from '@clockwork/server-core';
import { DemoDataResultDto, DemoDataStatusDto, ErrorResponseDto, LoadDemoDataDto } from '@clockwork/shared-dto';
import { DemoDataService } from './demo-data.service';

const DISABLED = 'With NODE_ENV=production and DEMO_DATA_ENABLED not true: the sample data does not exist on this server';

@ApiTags('demo-data')
@Controller('demo-data')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Get()
  @UsersOnly('admin')
  @ApiOperation({ summary: 'Whether the sample data could be loaded into this organization (it is empty), is loaded, or the organization has records of its own' })
  @ApiOkResponse({ type: DemoDataStatusDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: DISABLED })
  status(): Promise<DemoDataStatusDto> {
    return this.demo.status();
  }

  @Post()
  @HttpCode(200)
  @UsersOnly('admin')
  @ApiOperation({
    summary: 'Loads the sample data set (accounts, contacts, deals, tasks, mapping rules, rates, several weeks of time entries, an issued invoice) into an empty organization',
    description: 'Written through the same services as the API (audit rows and events included), as the calling admin. A second call adds nothing and answers `already_loaded`.',
  })
  @ApiOkResponse({ type: DemoDataResultDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The body has a field (it takes none)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The organization has records of its own, or a load is running' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: DISABLED })
  load(@Body() _body: LoadDemoDataDto): Promise<DemoDataResultDto> {
    return this.demo.load();
  }
}
