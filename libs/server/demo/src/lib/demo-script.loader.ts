import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AuthService } from '@clockwork/server-auth';
import { RequestContext } from '@clockwork/server-core';
import type { DemoDataResultDto, TokenResponseDto } from '@clockwork/shared-dto';
import { DemoDataRepository } from './demo-data.repository';
import { DemoDataService } from './demo-data.service';
import { DemoScriptModule } from './demo-script.module';

export interface DemoRun {
  organizationId: string;
  /** Set when the run made a new organization: its admin's sign-in. */
  login?: { email: string; password: string };
  /** Whom the data was loaded as. */
  adminEmail: string;
  result: DemoDataResultDto;
}

/**
 * `npm run demo`: loads the sample data into the organization given (as its first admin) or,
 * without one, into a new organization made by signing up (through AuthService). The same
 * DemoDataService as `POST /demo-data`: refused in production unless DEMO_DATA_ENABLED=true,
 * 409 for an organization with records of its own, nothing added the second time.
 */
export async function runDemo(organizationId?: string): Promise<DemoRun> {
  const app = await NestFactory.createApplicationContext(DemoScriptModule, { logger: ['error', 'warn'], abortOnError: false });
  try {
    const context = app.get(RequestContext);
    const service = app.get(DemoDataService);
    let admin: { id: string; email: string } | null;
    let login: DemoRun['login'];
    if (organizationId) {
      admin = await app.get(DemoDataRepository).firstAdminOf(organizationId);
      if (!admin) throw new Error(`No active admin in organization ${organizationId}`);
    } else {
      login = { email: `demo-admin+${randomBytes(4).toString('hex')}@demo.clockwork.test`, password: randomBytes(15).toString('base64url') };
      const session = (await app.get(AuthService).signup({ organization_name: 'Clockwork Demo Agency', name: 'Demo Admin', email: login.email, password: login.password })) as TokenResponseDto;
      if (!('organization' in session)) throw new Error('Sign-up needs email verification on this server (SIGNUP_VERIFY_EMAIL=true): give --org <organization id> instead');
      organizationId = session.organization.id;
      admin = { id: session.user.id, email: login.email };
    }
    const as = { kind: 'user' as const, id: admin.id, organizationId, role: 'admin' as const };
    const result = await context.runAs(as, () => service.load());
    return { organizationId, login, adminEmail: admin.email, result };
  } finally {
    await app.close();
  }
}
