import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter', () => {
  const filter = new HttpExceptionFilter();

  it('shapes Nest HTTP exceptions', () => {
    expect(filter.toBody(new NotFoundException('Deal not found'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Deal not found',
    });
    expect(filter.toBody(new ForbiddenException())).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' });
  });

  it('keeps validation details', () => {
    const details = [{ field: 'email', errors: ['email must be an email'] }];
    const body = filter.toBody(new BadRequestException({ message: 'Validation failed: email must be an email', details }));
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Validation failed: email must be an email', details });
  });

  it('maps a unique violation to 409 without leaking SQL', () => {
    const err = new QueryFailedError('INSERT INTO secret_table ...', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    const body = filter.toBody(err);
    expect(body.statusCode).toBe(409);
    expect(JSON.stringify(body)).not.toMatch(/secret_table|INSERT/);
  });

  it('names the field of a foreign key that points outside the organization', () => {
    const driverError = Object.assign(new Error('fk'), {
      code: '23503',
      detail: 'Key (organization_id, owner_id)=(0191, 0192) is not present in table "users".',
    });
    const body = filter.toBody(new QueryFailedError('INSERT ...', [], driverError));
    expect(body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'owner_id does not refer to a record of this organization',
      details: [{ field: 'owner_id', errors: ['owner_id does not refer to a record of this organization'] }],
    });
  });

  it('hides unknown errors behind a plain 500', () => {
    expect(filter.toBody(new Error('connection to 10.0.0.1 refused at line 42'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });

  it('passes body-parser client errors through as 4xx', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(filter.toBody(tooLarge)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });
});
