import { Global, Module } from '@nestjs/common';
import { applyEnvFiles } from './env-file.parser';
import { Env, loadEnv } from './environment.config';

/** Provides the validated Env to every module; boot fails here on a bad variable. */
@Global()
@Module({
  providers: [
    {
      provide: Env,
      useFactory: () => {
        applyEnvFiles();
        return loadEnv();
      },
    },
  ],
  exports: [Env],
})
export class ConfigModule {}
