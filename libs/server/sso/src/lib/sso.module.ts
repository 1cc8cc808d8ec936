import { Module } from '@nestjs/common';
import { AuthModule } from '@clockwork/server-auth';
import { SsoConfigController } from './sso-config.controller';
import { SsoConfigService } from './sso-config.service';
import { SsoConfigsRepository } from './sso-configs.repository';
import { SsoIdentitiesRepository } from './sso-identities.repository';
import { SsoLoginController } from './sso-login.controller';
import { SsoLoginService } from './sso-login.service';
import { SsoStateStore } from './sso-state.store';

/** OpenID Connect login per organization: its admin's provider configuration and the login flow. */
@Module({
  imports: [AuthModule],
  controllers: [SsoConfigController, SsoLoginController],
  providers: [SsoConfigService, SsoConfigsRepository, SsoIdentitiesRepository, SsoLoginService, SsoStateStore],
})
export class SsoModule {}
