import { Body, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiFoundResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { Env, Public, Roles, UsersOnly, ApiController, ApiRecord } from '@clockwork/server-core';
import { ACCOUNTING_PROVIDERS, AccountingAuthorizeDto, AccountingConnectionDto, AccountingPushListDto, ConnectAccountingDto, ErrorResponseDto } from '@clockwork/shared-dto';
import type { Request, Response } from 'express';
import { AccountingConnectService } from './accounting-connect.service';
import { CONNECT_TTL_MS } from './accounting-oauth-state.store';
import { AccountingPushesService } from './accounting-pushes.service';

const COOKIE = 'ck_accounting_connect';
/** The provider path segment: a supported provider, else 404. */
const PROVIDER: PipeTransform<string, string> = {
  transform: (value) => {
    if (!(ACCOUNTING_PROVIDERS as readonly string[]).includes(value)) throw new NotFoundException(`No accounting provider "${value}" (supported: ${ACCOUNTING_PROVIDERS.join(', ')})`);
    return value;
  },
};
const providerParam = ApiParam({ name: 'provider', enum: ACCOUNTING_PROVIDERS });

const cookieOf = (header: string | undefined, name: string) =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

/** Connected accounting (docs/accounting-exports.md): connect by OAuth 2, the connection, its push log, disconnect. */
@ApiController('integrations', 'integrations/:provider')
export class AccountingController {
  constructor(
    private readonly connect: AccountingConnectService,
    private readonly pushes: AccountingPushesService,
    private readonly env: Env,
  ) {}

  private cookieOptions() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.env.NODE_ENV === 'production' || this.env.API_PUBLIC_URL.startsWith('https:'), path: '/api/v1/integrations' };
  }

  @Post('oauth')
  @UsersOnly('admin')
  @providerParam
  @ApiCreatedResponse({ type: AccountingAuthorizeDto, description: 'Stores the client (secret sealed) as a pending connection and answers the authorization URL (state + PKCE S256); sets the HttpOnly cookie that binds the connect to this browser' })
  async start(@Param('provider', PROVIDER) provider: string, @Body() dto: ConnectAccountingDto, @Res({ passthrough: true }) res: Response): Promise<AccountingAuthorizeDto> {
    const { url, browser } = await this.connect.start(provider, dto);
    res.cookie(COOKIE, browser, { ...this.cookieOptions(), maxAge: CONNECT_TTL_MS });
    return { authorize_url: url };
  }

  @Get('oauth/callback')
  @Public()
  @providerParam
  @ApiFoundResponse({ description: "The provider's redirect: the code is exchanged with the PKCE verifier and the tokens sealed, then the browser goes to <WEB_APP_URL>/integrations?accounting=connected (or ?accounting_error=<message>)" })
  async callback(@Param('provider', PROVIDER) provider: string, @Query() query: Record<string, string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.clearCookie(COOKIE, this.cookieOptions());
    const web = `${this.env.WEB_APP_URL.replace(/\/+$/, '')}/integrations`;
    try {
      await this.connect.callback(provider, query, cookieOf(req.headers.cookie, COOKIE));
    } catch (e) {
      const message = (e as { response?: { message?: string } }).response?.message ?? (e as Error).message;
      return res.redirect(302, `${web}?accounting_error=${encodeURIComponent(message)}`);
    }
    res.redirect(302, `${web}?accounting=connected`);
  }

  @Get('connection')
  @Roles('admin', 'manager')
  @providerParam
  @ApiRecord(AccountingConnectionDto)
  get(@Param('provider', PROVIDER) provider: string): Promise<AccountingConnectionDto> {
    return this.connect.get(provider);
  }

  @Delete('connection')
  @UsersOnly('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @providerParam
  @ApiNoContentResponse({ description: 'Tokens revoked at the provider (when it has a revoke URL), the connection and its push log deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  disconnect(@Param('provider', PROVIDER) provider: string): Promise<void> {
    return this.connect.disconnect(provider);
  }

  @Get('pushes')
  @Roles('admin', 'manager')
  @providerParam
  @ApiRecord(AccountingPushListDto, 'The push log: each issued invoice sent to the provider, its attempts, state and error')
  list(@Param('provider', PROVIDER) provider: string): Promise<AccountingPushListDto> {
    return this.pushes.list(provider);
  }
}
