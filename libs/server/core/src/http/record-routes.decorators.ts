import { applyDecorators, HttpCode, HttpStatus, Param, ParseUUIDPipe, Type } from '@nestjs/common';
import { ApiHeader, ApiHeaderOptions, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiProduces } from '@nestjs/swagger';
import { ErrorResponseDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { etagOf } from '../tenancy/if-match.rules';

// The routes every record resource has, declared once: a controller names its DTOs and texts.

/** The record id of the path (`:id`), a UUID: 400 naming it otherwise. */
export const IdParam = () => Param('id', new ParseUUIDPipe());

const ok = (type: Type<unknown>, description?: string) => ApiOkResponse(description === undefined ? { type } : { type, description });

/** A list answered as a page of JSON or, with `?format=csv`, as CSV (listOrCsv). */
export const ApiPageOrCsv = (type: Type<unknown>) => applyDecorators(ApiProduces('application/json', 'text/csv'), ApiOkResponse({ type }));

/** One record: 200 with it, 404 when the caller's organization has no such record. */
export const ApiRecord = (type: Type<unknown>, description?: string) => applyDecorators(ok(type, description), ApiNotFoundResponse({ type: ErrorResponseDto }));

/** A write of a versioned record: the If-Match header it honours, 200 with the record, 404, 412 on a stale version. */
export const ApiVersionedWrite = (ifMatch: ApiHeaderOptions, type: Type<unknown>, description?: string) =>
  applyDecorators(ApiHeader(ifMatch), ok(type, description), ApiNotFoundResponse({ type: ErrorResponseDto }), ApiPreconditionFailedResponse({ type: ErrorResponseDto }));

/** A delete: 204, 404 when there is no such record. */
export const ApiDeleted = () => applyDecorators(HttpCode(HttpStatus.NO_CONTENT), ApiNoContentResponse(), ApiNotFoundResponse({ type: ErrorResponseDto }));

/** A versioned record as read: its ETag set on the response. */
export function withEtag<T extends { version: number }>(res: Response, record: T): T {
  res.setHeader('ETag', etagOf(record.version));
  return record;
}
