import { ArgumentMetadata, createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import { createValidationPipe } from '@clockwork/server-core';
import { TimeEntryBatchDto } from '@clockwork/shared-dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: TimeEntryBatchDto, data: undefined };

/**
 * The body of `POST /time-entries/batch`, checked as the global ValidationPipe checks a
 * TimeEntryBatchDto (same rules, same 400s) but without its deep copy of the entries: the pipe
 * copies every value of a body (class-transformer), 5,000 entries here, which createBatch then
 * validates one by one (validateEntry) anyway. The pipe is given the body with a stand-in of as
 * many items for `entries` (the rules on `entries` look only at the array and its length); the
 * entries themselves lose their prototype keys in place, as the pipe's own stripping does.
 */
@Injectable()
export class TimeEntryBatchPipe implements PipeTransform<unknown, Promise<TimeEntryBatchDto>> {
  private readonly pipe = createValidationPipe();

  async transform(body: unknown): Promise<TimeEntryBatchDto> {
    const entries = isObject(body) ? body['entries'] : undefined;
    if (!isObject(body) || !Array.isArray(entries)) return this.pipe.transform(body, BODY);
    const dto: TimeEntryBatchDto = await this.pipe.transform({ ...body, entries: entries.map(() => null) }, BODY);
    stripPrototypeKeys(entries);
    dto.entries = entries;
    return dto;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the ValidationPipe strips from every object of a parsed JSON body (prototype pollution keys). */
function stripPrototypeKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) stripPrototypeKeys(item);
    return;
  }
  const object = value as Record<string, unknown>;
  delete object['__proto__'];
  delete object['prototype'];
  delete object['constructor'];
  for (const key in object) stripPrototypeKeys(object[key]);
}

/** The request body as parsed, past the global ValidationPipe (which leaves custom parameter decorators alone). */
const RawBody = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<{ body: unknown }>().body);

/** `@TimeEntryBatchBody() dto: TimeEntryBatchDto`: the batch body through TimeEntryBatchPipe (document it with `@ApiBody`). */
export const TimeEntryBatchBody = (): ParameterDecorator => RawBody(undefined, TimeEntryBatchPipe);
