import type { NextFunction, Request, Response } from 'express';
import { onWorkDone } from './response-done.util';

/**
 * At most `limit` requests past this point at once in this process; the others wait their turn in
 * arrival order with their bodies still unread (the socket holds them, and TCP slows the sender),
 * so what the process holds is bounded by `limit` parsed bodies whatever the callers send at once.
 * A request leaves its place when its handler has answered (onWorkDone: a caller that hangs up
 * mid-batch does not stop the work it started); a waiting caller that hangs up leaves the queue,
 * and its request ends there. `limit` 0: no gate.
 */
export function concurrencyGate(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];

  const admit = (res: Response, next: NextFunction) => {
    active++;
    onWorkDone(res, () => {
      active--;
      waiting.shift()?.();
    });
    next();
  };

  return (_req: Request, res: Response, next: NextFunction): void => {
    if (limit <= 0 || active < limit) return admit(res, next);
    // The caller hung up before its turn: its request is over, nothing of it having run. Ending
    // the (closed) response says so to whatever counts the request until it is answered (load
    // shedding's place, onWorkDone), which would otherwise hold it for the abandoned-request grace.
    const leave = () => {
      const at = waiting.indexOf(go);
      if (at >= 0) waiting.splice(at, 1);
      res.end();
    };
    const go = () => {
      res.off('close', leave);
      admit(res, next);
    };
    waiting.push(go);
    res.once('close', leave);
  };
}
