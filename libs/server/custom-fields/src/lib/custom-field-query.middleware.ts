import { Injectable, NestMiddleware } from '@nestjs/common';
import { CUSTOM_FIELD_FILTER_PREFIX } from '@clockwork/shared-dto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Collects the `cf.<key>=value` filters of a record list into one `cf` object of the query
 * (`?cf.budget_code=BC-1` -> `{ cf: { budget_code: 'BC-1' } }`), which the list's query DTO
 * validates; the other parameters are left as they are.
 */
@Injectable()
export class CustomFieldQueryMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const query = req.query as Record<string, unknown>;
    const keys = Object.keys(query).filter((k) => k.startsWith(CUSTOM_FIELD_FILTER_PREFIX));
    if (keys.length > 0) {
      const rest: Record<string, unknown> = {};
      const cf: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(query)) {
        if (k.startsWith(CUSTOM_FIELD_FILTER_PREFIX)) cf[k.slice(CUSTOM_FIELD_FILTER_PREFIX.length)] = v;
        else rest[k] = v;
      }
      // Express 5's req.query is a getter parsing the URL each time: shadow it on this request.
      Object.defineProperty(req, 'query', { value: { ...rest, cf }, writable: true, configurable: true, enumerable: true });
    }
    next();
  }
}
