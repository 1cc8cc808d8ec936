import { Body, Controller, Get, HttpCode, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Env, Public } from '@clockwork/server-core';
import { ErrorResponseDto, SsoExchangeDto, TokenResponseDto } from '@clockwork/shared-dto';
import type { Request, Response } from 'express';
import { CALLBACK_PATH, SsoLoginService } from './sso-login.service';
import { STATE_TTL_MS } from './sso-state.store';

/** The cookie binding a login's state to the browser that started it (HttpOnly, callback path only). */
export const BROWSER_COOKIE = 'cw_sso_browser';

/** Where the web app receives a finished SSO login: a one-time code in the URL fragment (never sent to a server), no tokens. */
export function webAppLanding(webAppUrl: string, code: string): string {
  return `${webAppUrl.replace(/\/+$/, '')}/sso#${new URLSearchParams({ code })}`;
}

/** Why a callback failed, as the web app's landing names it (`/sso#error=<code>`): codes, never server text in a URL. */
export type SsoErrorCode = 'expired' | 'other_browser' | 'refused' | 'provider_refused' | 'provider_unreachable' | 'failed';

export function ssoErrorCode(error: unknown): SsoErrorCode {
  if (!(error instanceof HttpException)) return 'failed';
  const given = (error.getResponse() as { sso_error?: SsoErrorCode })?.sso_error;
  if (given) return given;
  const byStatus: Record<number, SsoErrorCode> = { 401: 'provider_refused', 403: 'refused', 502: 'provider_unreachable' };
  return byStatus[error.getStatus()] ?? 'failed';
}

/** Where a browser lands when its SSO login failed. */
export function webAppFailure(webAppUrl: string, code: SsoErrorCode): string {
  return `${webAppUrl.replace(/\/+$/, '')}/sso#${new URLSearchParams({ error: code })}`;
}

/** One cookie's value from the Cookie header. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back), the callback path only, Secure in production or over https. */
export function bindingCookieOptions(env: Pick<Env, 'NODE_ENV' | 'API_PUBLIC_URL'>) {
  const secure = env.NODE_ENV === 'production' || env.API_PUBLIC_URL.startsWith('https:');
  return { httpOnly: true, secure, sameSite: 'lax' as const, path: CALLBACK_PATH };
}

@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoLoginController {
  constructor(
    private readonly sso: SsoLoginService,
    private readonly env: Env,
  ) {}

  private cookieOptions() {
    return bindingCookieOptions(this.env);
  }

  @Get('callback')
  @ApiQuery({ name: 'state', required: true, type: String })
  @ApiQuery({ name: 'code', required: false, type: String })
  @ApiFoundResponse({
    description:
      'Signed in: redirect to <WEB_APP_URL>/sso#code=<one-time code>, exchanged by POST /auth/sso/exchange. A browser (Accept: text/html) whose login failed is sent to <WEB_APP_URL>/sso#error=<expired|other_browser|refused|provider_refused|provider_unreachable|failed> instead of the error below',
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing, unknown, expired or replayed state, or a state started in another browser (no or another binding cookie)' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The provider refused, or the code or ID token did not verify (PKCE, nonce, issuer, signature)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Unverified email on a first login, email domain not allowed, another subject linked to the email, or the user is of another organization or deactivated' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'The provider could not be reached' })
  async callback(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    // The binding is single use like the state: cleared whatever the outcome.
    res.clearCookie(BROWSER_COOKIE, this.cookieOptions());
    res.setHeader('Referrer-Policy', 'no-referrer');
    let code: string;
    try {
      code = await this.sso.callback(query, cookieOf(req.headers.cookie, BROWSER_COOKIE));
    } catch (e) {
      // A person's browser gets the web app's page saying what went wrong; API clients the error,
      // and unexpected errors go to the exception filter (logged and reported).
      if (!(e instanceof HttpException) || req.accepts(['json', 'html']) !== 'html') throw e;
      return res.redirect(302, webAppFailure(this.env.WEB_APP_URL, ssoErrorCode(e)));
    }
    res.redirect(302, webAppLanding(this.env.WEB_APP_URL, code));
  }

  @Post('exchange')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto, description: 'Signed in: the same tokens as a password login' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The code is unknown, expired (60 s) or already used' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The user was deactivated meanwhile' })
  async exchange(@Body() dto: SsoExchangeDto, @Res({ passthrough: true }) res: Response): Promise<TokenResponseDto> {
    res.setHeader('Cache-Control', 'no-store');
    return this.sso.exchange(dto.code);
  }

  @Get(':organization/start')
  @ApiFoundResponse({ description: "Redirect to the organization's identity provider; sets the HttpOnly cookie that binds the login to this browser" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No enabled SSO for this organization (id or slug)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: "The issuer, or an endpoint of its discovery document, is not allowed (private address, another origin than the issuer's)" })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'The provider could not be reached' })
  async start(@Param('organization') organization: string, @Res() res: Response): Promise<void> {
    const login = await this.sso.start(organization);
    res.setHeader('Cache-Control', 'no-store');
    res.cookie(BROWSER_COOKIE, login.browser, { ...this.cookieOptions(), maxAge: STATE_TTL_MS });
    res.redirect(302, login.url);
  }
}
