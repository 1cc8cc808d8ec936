import { Body, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiExtraModels, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public, UsersOnly, ApiController, PostAction } from '@clockwork/server-core';
import { AcceptedResponseDto, ChangePasswordDto, ErrorResponseDto, LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RefreshDto, ROLES, SignupDto, TokenResponseDto, VerifyEmailDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { LoginThrottle, PasswordResetThrottle, SignupThrottle } from './login-throttle.decorators';

@ApiController('auth', 'auth')
@ApiExtraModels(AcceptedResponseDto)
@Public()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
  ) {}

  @Post('signup')
  @SignupThrottle()
  @ApiCreatedResponse({ type: TokenResponseDto, description: 'Without SIGNUP_VERIFY_EMAIL: a new organization with its first user (admin), signed in' })
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: 'With SIGNUP_VERIFY_EMAIL: a verification link is mailed (the same answer whether or not the address already has an account)' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Signup is disabled' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many signups from this address; see Retry-After' })
  async signup(@Body() dto: SignupDto, @Res({ passthrough: true }) res: Response): Promise<TokenResponseDto | AcceptedResponseDto> {
    const answer = await this.auth.signup(dto);
    if (!('access_token' in answer)) res.status(HttpStatus.ACCEPTED);
    return answer;
  }

  @PostAction('verify-email')
  @ApiOkResponse({ type: TokenResponseDto, description: 'The address is verified: the organization and its admin exist, signed in. The link works once.' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<TokenResponseDto> {
    return this.auth.verifyEmail(dto.token);
  }

  @PostAction('login')
  @LoginThrottle()
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong email or password' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The signup of this address is not verified yet' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many attempts; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto);
  }

  @PostAction('refresh')
  @ApiOkResponse({ type: TokenResponseDto, description: 'A new pair; the presented refresh token is spent' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Invalid or reused token (reuse revokes the whole login)' })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refresh_token);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The login (token family) is revoked' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refresh_token);
  }

  @Post('password')
  @UsersOnly(...ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Changed; every other session of the user is revoked (this one stays signed in)' })
  changePassword(@Body() dto: ChangePasswordDto): Promise<void> {
    return this.account.changePassword(dto);
  }

  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @PasswordResetThrottle()
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: 'Always the same answer: an active account of this address is mailed a single-use link valid for 1 hour' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many requests for this address or from this client; see Retry-After' })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto): AcceptedResponseDto {
    return this.account.requestReset(dto.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The password is set, the link spent and every session of the user revoked: sign in with the new password' })
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.account.confirmReset(dto);
  }
}
