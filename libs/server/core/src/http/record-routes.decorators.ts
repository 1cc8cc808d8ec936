import { applyDecorators, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiHeaderOptions, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { etagOf } from '../tenancy/if-match.rules';

// The routes every record resource has, declared once: a controller names its DTOs and texts
// (and, with @Roles, who may call each route).

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

/** A controller at `path` in the OpenAPI tag `tag`, every route of which may answer 400 (a request that fails validation). */
export const ApiController = (tag: string, path: string) => applyDecorators(ApiTags(tag), ApiBadRequestResponse({ type: ErrorResponseDto }), Controller(path));

/** `GET /`: the list, a page of JSON or CSV (ApiPageOrCsv). */
export const ListRecords = (type: Type<unknown>) => applyDecorators(Get(), ApiPageOrCsv(type));

/** `POST /`: 201 with the record made. */
export const CreateRecord = (type: Type<unknown>, description?: string) => applyDecorators(Post(), ApiCreatedResponse(description === undefined ? { type } : { type, description }));

/** `POST <path>` answered 200 rather than 201: an action (closing, voiding, resolving…) or a request whose body is not a new record. */
export const PostAction = (path: string) => applyDecorators(Post(path), HttpCode(HttpStatus.OK));

/** `GET /:id`: one record (ApiRecord). */
export const GetRecord = (type: Type<unknown>, description?: string) => applyDecorators(Get(':id'), ApiRecord(type, description));

/** `PATCH /:id` of a versioned record (ApiVersionedWrite). */
export const PatchRecord = (ifMatch: ApiHeaderOptions, type: Type<unknown>, description?: string) => applyDecorators(Patch(':id'), ApiVersionedWrite(ifMatch, type, description));

/** `PUT /:id` of a versioned record (ApiVersionedWrite). */
export const PutRecord = (ifMatch: ApiHeaderOptions, type: Type<unknown>, description?: string) => applyDecorators(Put(':id'), ApiVersionedWrite(ifMatch, type, description));

/** `DELETE /:id` (ApiDeleted). */
export const DeleteRecord = () => applyDecorators(Delete(':id'), ApiDeleted());

/** A versioned record as read: its ETag set on the response. */
export function withEtag<T extends { version: number }>(res: Response, record: T): T {
  res.setHeader('ETag', etagOf(record.version));
  return record;
}
