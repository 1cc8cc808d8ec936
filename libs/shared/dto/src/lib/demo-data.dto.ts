import { ApiProperty } from '@nestjs/swagger';

/** `POST /demo-data` takes no fields (an unknown one is a 400, so nothing is loaded by accident). */
export class LoadDemoDataDto {}

export class DemoDataCountsDto {
  @ApiProperty() accounts: number;
  @ApiProperty() contacts: number;
  @ApiProperty() deals: number;
  @ApiProperty() tasks: number;
  @ApiProperty() mapping_rules: number;
  @ApiProperty() rates: number;
  @ApiProperty() time_entries: number;
  @ApiProperty({ description: 'Of the time entries, those left unmapped for the review queue' }) unmapped_time_entries: number;
  @ApiProperty() invoices: number;
}

export class DemoDataResultDto {
  @ApiProperty({ enum: ['loaded', 'already_loaded'], description: '`already_loaded`: the sample data was there before this call and nothing was added' })
  status: 'loaded' | 'already_loaded';

  @ApiProperty({ type: DemoDataCountsDto, description: 'What this call created (all zero when already loaded)' })
  created: DemoDataCountsDto;
}

export class DemoDataStatusDto {
  @ApiProperty({
    enum: ['available', 'already_loaded', 'not_empty'],
    description: '`available`: the organization is empty and `POST /demo-data` would load the sample data; `already_loaded`: it is there; `not_empty`: the organization has records of its own (a load is refused with 409)',
  })
  status: 'available' | 'already_loaded' | 'not_empty';
}
