import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorResponseDto, FieldErrorDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { reportError } from './error-reporting.service';

const reason = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toString()
    .split('_')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join(' ');

/** PostgreSQL errors that a client caused, as the 4xx they deserve (never the SQL itself). */
const PG_ERRORS: Record<string, [number, string]> = {
  '23505': [409, 'A record with these values already exists'],
  '23503': [422, 'A referenced record does not exist in this organization'],
  '22P02': [400, 'A value has the wrong format'],
  '40001': [409, 'The record was changed concurrently; retry'],
};

/** Gives every error the contract shape `{ statusCode, error, message, details? }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      reportError(exception, { status: String(body.statusCode) });
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorResponseDto {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const body: ErrorResponseDto = { statusCode: status, error: reason(status), message: exception.message };
      if (typeof payload === 'object' && payload !== null) {
        const p = payload as { message?: unknown; details?: FieldErrorDto[]; error?: string };
        if (typeof p.message === 'string') body.message = p.message;
        else if (Array.isArray(p.message)) body.message = p.message.join('; ');
        if (p.details) body.details = p.details;
      }
      return body;
    }
    if (exception instanceof QueryFailedError) {
      const { code = '', detail = '' } = exception.driverError as { code?: string; detail?: string };
      const known = PG_ERRORS[code];
      // Product rules enforced by database triggers raise SQLSTATE CW4xx with a message written for people.
      if (/^CW4\d\d$/.test(code)) return { statusCode: Number(code.slice(2)), error: reason(Number(code.slice(2))), message: String((exception.driverError as { message?: string }).message) };
      if (known && code === '23503') return foreignKeyError(detail);
      if (known) return { statusCode: known[0], error: reason(known[0]), message: known[1] };
    }
    if (isBodyParserError(exception)) {
      return { statusCode: exception.status, error: reason(exception.status), message: exception.message };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
  }
}

function isBodyParserError(e: unknown): e is { status: number; message: string } {
  const x = e as { status?: unknown; type?: unknown };
  return typeof x?.status === 'number' && x.status >= 400 && x.status < 500 && typeof x.type === 'string';
}

/**
 * A foreign key that points nowhere (or into another organization): 422 naming the field, read
 * from PostgreSQL's detail `Key (organization_id, owner_id)=(...) is not present in table ...`.
 */
function foreignKeyError(detail: string): ErrorResponseDto {
  const columns = /Key \(([^)]+)\)=/.exec(detail)?.[1].split(',').map((c) => c.trim()) ?? [];
  const field = columns.find((c) => c !== 'organization_id');
  if (!field) return { statusCode: 422, error: reason(422), message: PG_ERRORS['23503'][1] };
  const message = `${field} does not refer to a record of this organization`;
  return { statusCode: 422, error: reason(422), message, details: [{ field, errors: [message] }] };
}
