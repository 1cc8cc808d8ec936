import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { listOrCsv, Roles, ApiController } from '@clockwork/server-core';
import { UnlinkedEmployeePageDto, UnlinkedEmployeeQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { UNLINKED_EMPLOYEE_CSV_COLUMNS, UnlinkedEmployeesService } from './unlinked-employees.service';

/** Registered before TimeEntriesController, whose `GET /time-entries/{id}` would take the path otherwise. */
@ApiController('time-entries', 'time-entries')
export class UnlinkedEmployeesController {
  constructor(private readonly unlinked: UnlinkedEmployeesService) {}

  @Get('unlinked-employees')
  @Roles('admin', 'manager')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UnlinkedEmployeePageDto, description: 'Employee ids of stored time entries that no user is linked to, with entry count, total seconds, first and last seen (start_time); newest last_seen first' })
  list(@Query() query: UnlinkedEmployeeQueryDto, @Res({ passthrough: true }) res: Response): Promise<UnlinkedEmployeePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'unlinked-employees.csv', columns: UNLINKED_EMPLOYEE_CSV_COLUMNS }, (q) => this.unlinked.list(q));
  }
}
