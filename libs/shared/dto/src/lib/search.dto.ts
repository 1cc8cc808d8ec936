import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Trim } from './validation';

export const SEARCH_TYPES = ['account', 'contact', 'deal'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const MAX_SEARCH_RESULTS = 50;

export class SearchQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme Corportion', description: 'Typo-tolerant' })
  @Trim()
  @IsString({ message: 'q is required (1 to 200 characters)' })
  @IsNotEmpty({ message: 'q is required (1 to 200 characters)' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  // PostgreSQL text cannot hold U+0000: refused here rather than failing in the query (500).
  @ValidateBy({ name: 'noNul', validator: { validate: (v: unknown) => typeof v !== 'string' || !v.includes('\0'), defaultMessage: () => 'q must not contain NUL characters' } })
  q: string;

  @ApiPropertyOptional({
    type: String,
    example: 'account,contact',
    description: `Comma-separated: ${SEARCH_TYPES.join(', ')}. Default: every type the caller's role may read`,
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(SEARCH_TYPES, { each: true, message: `types must be a comma-separated list of ${SEARCH_TYPES.join(', ')}` })
  types?: SearchType[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_RESULTS)
  limit?: number;
}

export class SearchResultDto {
  @ApiProperty({ enum: SEARCH_TYPES })
  type: SearchType;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acme Corporation' })
  title: string;

  @ApiProperty({ nullable: true, type: String, example: 'acme.com', description: 'account: domain or industry; contact: email or job title; deal: stage' })
  subtitle: string | null;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.82, description: 'Relevance, best first' })
  score: number;
}

export class SearchResultsDto {
  @ApiProperty({ type: [SearchResultDto] })
  data: SearchResultDto[];
}
