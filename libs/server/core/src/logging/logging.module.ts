import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/environment.config';
import { pinoHttpOptions } from './logger-options.config';

export { requestId, scrubbingHooks } from './logger-options.config';

/** Logs through pino: JSON lines in production and test, pretty one-liners in development (`pinoHttpOptions`). */
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [Env],
          useFactory: (env: Env) => ({
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: pinoHttpOptions(env, service),
          }),
        }),
      ],
    };
  }
}
