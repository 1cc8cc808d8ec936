import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsersOnly } from '@clockwork/server-core';
import { DismissOnboardingDto, ErrorResponseDto, OnboardingDto } from '@clockwork/shared-dto';
import { OnboardingService } from './onboarding.service';

@ApiTags('onboarding')
@Controller('onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiOperation({ summary: "The getting-started checklist: each step's id, whether the organization's data shows it done, and the web page where it is done" })
  @ApiOkResponse({ type: OnboardingDto })
  status(): Promise<OnboardingDto> {
    return this.onboarding.status();
  }

  @Post('dismiss')
  @HttpCode(200)
  @UsersOnly('admin')
  @ApiOperation({ summary: 'Dismisses the getting-started checklist for the whole organization (`dismissed: true`); a second call changes nothing' })
  @ApiOkResponse({ type: OnboardingDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The body has a field (it takes none)' })
  dismiss(@Body() _body: DismissOnboardingDto): Promise<OnboardingDto> {
    return this.onboarding.dismiss();
  }
}
