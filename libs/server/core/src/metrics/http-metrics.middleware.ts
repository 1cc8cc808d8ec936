import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.service';

/**
 * Observes every request's latency under its route pattern (`/api/v1/accounts/:id`), never the
 * concrete URL, so label cardinality stays bounded; unmatched requests share one label.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
