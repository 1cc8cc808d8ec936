import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PageOf, PageQueryDto } from './page.dto';

/** A productivity employee id seen on time entries that no user of the organization is linked to. */
export class UnlinkedEmployeeDto {
  @ApiProperty({ description: 'The employee id the productivity agents send' }) employee_id: string;
  @ApiProperty({ description: 'Stored time entries carrying it' }) entries: number;
  @ApiProperty({ description: 'Sum of those entries\' duration_seconds' }) total_seconds: number;
  @ApiProperty({ format: 'date-time', description: 'start_time of its earliest entry' }) first_seen: string;
  @ApiProperty({ format: 'date-time', description: 'start_time of its latest entry' }) last_seen: string;
}

export class UnlinkedEmployeePageDto extends PageOf(UnlinkedEmployeeDto) {}

/** `?limit=&cursor=&format=`: always sorted by last_seen, newest first. */
export class UnlinkedEmployeeQueryDto extends OmitType(PageQueryDto, ['sort'] as const) {}
