import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '@clockwork/server-core';
import { ErrorResponseDto, SearchQueryDto, SearchResultsDto } from '@clockwork/shared-dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "Typo-tolerant search over the accounts, contacts and deals the caller's role may read, best first" })
  @ApiOkResponse({ type: SearchResultsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'q missing, empty or longer than 200 characters; unknown types' })
  find(@Query() query: SearchQueryDto): Promise<SearchResultsDto> {
    return this.search.find(query);
  }
}
