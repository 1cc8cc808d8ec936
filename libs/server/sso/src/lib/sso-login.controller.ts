import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiForbiddenResponse, ApiFoundResponse, ApiNotFoundResponse, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Env, Public } from '@clockwork/server-core';
import { ErrorResponseDto, TokenResponseDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { SsoLoginService } from './sso-login.service';

/** Where the web app receives a finished SSO login: tokens in the URL fragment, never sent to a server. */
export function webAppLanding(webAppUrl: string, tokens: TokenResponseDto): string {
  const fragment = new URLSearchParams({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    token_type: tokens.token_type,
    expires_in: String(tokens.expires_in),
  });
  return `${webAppUrl.replace(/\/+$/, '')}/#/sso?${fragment}`;
}

@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoLoginController {
  constructor(
    private readonly sso: SsoLoginService,
    private readonly env: Env,
  ) {}

  @Get('callback')
  @ApiQuery({ name: 'state', required: true, type: String })
  @ApiQuery({ name: 'code', required: false, type: String })
  @ApiFoundResponse({ description: 'Signed in: redirect to <WEB_APP_URL>/#/sso?access_token=...&refresh_token=...&token_type=Bearer&expires_in=...' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing, unknown, expired or replayed state' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The provider refused, or the code or ID token did not verify (PKCE, nonce, issuer, signature)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The email domain is not allowed, or the user is of another organization or deactivated' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'The provider could not be reached' })
  async callback(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const tokens = await this.sso.callback(query);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, webAppLanding(this.env.WEB_APP_URL, tokens));
  }

  @Get(':organization/start')
  @ApiFoundResponse({ description: "Redirect to the organization's identity provider" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No enabled SSO for this organization (id or slug)' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'The provider could not be reached' })
  async start(@Param('organization') organization: string, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.sso.start(organization));
  }
}
