import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { BearerPrecheck, Env, MailModule, RouteAccessVerifier } from '@clockwork/server-core';
import { AccessGuard } from './access.guard';
import { AccountMailer } from './account.mailer';
import { AccountService } from './account.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { PasswordStrength } from './password-strength.validator';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerCallerPrecheck } from './bearer-precheck.middleware';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher.service';
import { PrincipalCache } from './principal-cache.store';
import { RateLimitGuard } from './rate-limit.guard';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { throttlers } from './throttlers.config';
import { TokensService } from './tokens.service';
import { UsersAuthRepository } from './users-auth.repository';

/**
 * Authentication for the whole api: signup (with email verification)/login/refresh/logout,
 * password change and reset, API keys, and the global
 * guards (access first, then rate limits). Every route must declare who may use it.
 */
@Module({
  imports: [
    MailModule,
    DiscoveryModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ secret: env.JWT_SECRET, signOptions: { algorithm: 'HS256', issuer: 'clockwork' }, verifyOptions: { algorithms: ['HS256'], issuer: 'clockwork' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        throttlers: throttlers(env),
        // Given a URL, the storage owns its connection and closes it on shutdown.
        storage: new ThrottlerStorageRedisService(env.REDIS_URL, {
          keyPrefix: `${env.QUEUE_PREFIX}:throttle:`,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
        }),
      }),
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    AuthService,
    AccountService,
    AccountTokensRepository,
    AccountMailer,
    PasswordStrength,
    TokensService,
    PasswordHasher,
    JwtStrategy,
    PrincipalCache,
    RefreshTokensRepository,
    UsersAuthRepository,
    ApiKeysRepository,
    ApiKeysService,
    RouteAccessVerifier,
    { provide: BearerPrecheck, useClass: BearerCallerPrecheck },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [TokensService, PasswordHasher, PasswordStrength, AccountMailer, AccountTokensRepository, AuthService, UsersAuthRepository, PrincipalCache],
})
export class AuthModule {}
