import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@clockwork/server-core';
import { OnboardingDto } from '@clockwork/shared-dto';
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
}
