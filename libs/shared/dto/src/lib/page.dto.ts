import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=&sort=` of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ description: '`field:asc` or `field:desc` on an indexed field', example: 'created_at:desc' })
  @IsOptional()
  @Matches(/^[a-z_]+(:(asc|desc))?$/, { message: 'sort must look like field:asc or field:desc' })
  sort?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the whole filtered list as a CSV download' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The documented `{ data, next_cursor }` page of a list endpoint: `class XPageDto extends PageOf(XDto) {}`. */
export function PageOf<T>(item: ClassType<T>) {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    data: T[];

    @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' })
    next_cursor: string | null;
  }
  return PageDto;
}
