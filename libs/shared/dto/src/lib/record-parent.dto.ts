import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PageQueryDto } from './page.dto';
import { stacked } from './validation';

/** The records a note or attachment can hang off (the same list as the entities' PARENT_TYPES). */
export const RECORD_PARENT_TYPES = ['account', 'contact', 'deal', 'task'] as const;
export type RecordParentType = (typeof RECORD_PARENT_TYPES)[number];

const ParentType = () => stacked(ApiProperty({ enum: RECORD_PARENT_TYPES }), IsIn(RECORD_PARENT_TYPES, { message: `parent_type must be one of ${RECORD_PARENT_TYPES.join(', ')}` }));
const ParentId = () => stacked(ApiProperty({ format: 'uuid' }), IsUUID('all', { message: 'parent_id must be a UUID' }));

/** `parent_type` + `parent_id`: the one record a note or attachment belongs to. */
export class RecordParentDto {
  @ParentType()
  parent_type: RecordParentType;

  @ParentId()
  parent_id: string;
}

/** `?parent_type=&parent_id=` (both required) plus the page parameters. */
export class RecordParentQueryDto extends PageQueryDto {
  @ParentType()
  parent_type: RecordParentType;

  @ParentId()
  parent_id: string;
}
