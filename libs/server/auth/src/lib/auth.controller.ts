import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '@clockwork/server-core';
import { ErrorResponseDto, LoginDto, RefreshDto, SignupDto, TokenResponseDto } from '@clockwork/shared-dto';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.decorator';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('signup')
  @ApiCreatedResponse({ type: TokenResponseDto, description: 'A new organization with its first user (admin), signed in' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Signup is disabled' })
  signup(@Body() dto: SignupDto): Promise<TokenResponseDto> {
    return this.auth.signup(dto);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @LoginThrottle()
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many attempts; see Retry-After' })
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
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
}
