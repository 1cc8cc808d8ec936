import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';

export const IMPORT_KINDS = ['accounts', 'contacts'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;

/** The fields a CSV column can map to, per kind (`account` links a contact to an account by name). */
export const IMPORT_FIELDS = {
  accounts: ['name', 'industry', 'address', 'phone', 'website', 'domain'],
  contacts: ['first_name', 'last_name', 'full_name', 'email', 'phone', 'job_title', 'tags', 'account'],
} as const satisfies Record<ImportKindName, readonly string[]>;

export class ImportRowErrorDto {
  @ApiProperty({ example: 7, description: 'Row of the file as a spreadsheet shows it: the header is row 1, the first record row 2' })
  row: number;

  @ApiProperty({ nullable: true, type: String, example: 'email', description: 'The record field at fault (null for a row that cannot be read at all)' })
  field: string | null;

  @ApiProperty({ example: 'email must be an email address' })
  message: string;
}

/** An import as listed (without its row errors). */
export class ImportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKindName;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: (typeof IMPORT_STATUSES)[number];
  @ApiProperty({ example: 'contacts.csv' }) file_name: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'E-mail': 'email', 'First Name': 'first_name' }, description: 'CSV header -> field, as used' })
  mapping: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Headers that map to no field (their columns are ignored)' }) unmapped_headers: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'Records in the file (known once the worker has counted them)' }) total_rows: number | null;
  @ApiProperty({ description: 'Records handled so far (imported or rejected)' }) processed_rows: number;
  @ApiProperty() created_count: number;
  @ApiProperty({ description: 'Rows that matched an existing record (or an earlier row of the file) and were merged into it' }) updated_count: number;
  @ApiProperty({ description: 'Rejected rows (all of them; `errors` keeps the first 1,000)' }) error_count: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed import stopped' }) failure: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) created_by: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) started_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finished_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ImportDto extends ImportSummaryDto {
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The first 1,000 rejected rows' })
  errors: ImportRowErrorDto[];
}

export class ImportPageDto extends PageOf(ImportSummaryDto) {}

export class ImportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: (typeof IMPORT_STATUSES)[number];

  @ApiPropertyOptional({ enum: IMPORT_KINDS })
  @IsOptional()
  @IsIn(IMPORT_KINDS)
  kind?: ImportKindName;
}

const IMPORT_MAPPING_DESCRIPTION = `JSON object CSV header -> field (overrides the guess; null or "" ignores the column). Fields: accounts ${IMPORT_FIELDS.accounts.join(', ')}; contacts ${IMPORT_FIELDS.contacts.join(', ')}; and cf.<key> for a live custom field of the record type (a column headed cf.<key>, or the field's key or label, is guessed)`;

/** The multipart body of `POST /imports`, for the OpenAPI document. */
export const CREATE_IMPORT_SCHEMA = {
  type: 'object' as const,
  required: ['file', 'kind'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'The CSV file (UTF-8; the first line names the columns)' },
    kind: { type: 'string' as const, enum: [...IMPORT_KINDS] },
    mapping: { type: 'string' as const, description: IMPORT_MAPPING_DESCRIPTION, example: '{"Organisation":"account","Mail":"email"}' },
    dry_run: { type: 'boolean' as const, default: false, description: 'true: preview the first 20 rows without writing anything' },
  },
};

const parseJson = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
const parseBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The text fields of the multipart upload (the CSV itself is the `file` part). */
export class CreateImportDto {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind: ImportKindName;

  @ApiPropertyOptional({ type: 'string', description: IMPORT_MAPPING_DESCRIPTION, example: '{"Organisation":"account","Mail":"email"}' })
  @IsOptional()
  @Transform(parseJson)
  @IsObject({ message: 'mapping must be a JSON object of CSV header to field' })
  mapping?: Record<string, string | null>;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'true: preview without writing anything' })
  @IsOptional()
  @Transform(parseBool)
  @IsBoolean({ message: 'dry_run must be true or false' })
  dry_run?: boolean;
}

export class ImportPreviewRowDto {
  @ApiProperty({ example: 2 }) row: number;
  @ApiProperty({ enum: ['create', 'update'], description: 'create a record, or merge into an existing one (or an earlier row of the file)' }) action: 'create' | 'update';
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The record as it would be stored' }) record: Record<string, unknown>;
}

/** `dry_run=true`: what the import would do with the first rows, nothing written. */
export class ImportPreviewDto {
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKindName;
  @ApiProperty() file_name: string;
  @ApiProperty({ type: [String] }) headers: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) mapping: Record<string, string>;
  @ApiProperty({ type: [String] }) unmapped_headers: string[];
  @ApiProperty({ type: [ImportPreviewRowDto], description: 'The valid rows among the first 20 records' }) rows: ImportPreviewRowDto[];
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The rejected rows among the first 20 records' }) errors: ImportRowErrorDto[];
}
