import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { ReadReplicas } from './read-replicas.store';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * After a mutating request (success or error: a write may have committed before an error), and
 * before its response is sent, remembers the primary's WAL position for the caller, so that its
 * next reads never see a replica older than its own write. Nothing to do without replicas.
 */
@Injectable()
export class ReadAfterWriteInterceptor implements NestInterceptor {
  constructor(private readonly replicas: ReadReplicas) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replicas.enabled || context.getType() !== 'http') return next.handle();
    const { method } = context.switchToHttp().getRequest<{ method: string }>();
    if (READS.has(method)) return next.handle();
    return next.handle().pipe(
      concatMap((body) => from(this.replicas.rememberWrite().then(() => body))),
      catchError((error) => from(this.replicas.rememberWrite()).pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
