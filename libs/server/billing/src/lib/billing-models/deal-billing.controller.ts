import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiDeleted, IdParam, Roles, ApiController, PostAction } from '@clockwork/server-core';
import { CreateDealMilestoneDto, DealMilestoneDto, DealMilestoneListDto, ErrorResponseDto, PatchDealMilestoneDto, ReachMilestoneDto, RetainerBalanceDto, RetainerBalanceQueryDto } from '@clockwork/shared-dto';
import { DealMilestonesService } from './deal-milestones.service';
import { RetainerBalanceService } from './retainer-balance.service';

/** Not parsed here: the deal is looked up first (another organization's deal is a 404 whatever the milestone id), then a malformed milestone id is a 404 too. */
const MilestoneId = () => Param('milestoneId');
const INVOICED = { type: ErrorResponseDto, description: 'The milestone is invoiced (void its invoice first), or already reached' };

/** Billing models of deals (docs/billing-models.md): milestones of fixed-fee deals and the balance of retainers. */
@ApiController('deals', 'deals')
@ApiNotFoundResponse({ type: ErrorResponseDto })
export class DealBillingController {
  constructor(
    private readonly milestones: DealMilestonesService,
    private readonly retainers: RetainerBalanceService,
  ) {}

  @Get(':id/milestones')
  @Roles('admin', 'manager', 'sales')
  @ApiOkResponse({ type: DealMilestoneListDto })
  list(@IdParam() id: string): Promise<DealMilestoneListDto> {
    return this.milestones.list(id);
  }

  @Post(':id/milestones')
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ type: DealMilestoneDto, description: 'A planned milestone' })
  create(@IdParam() id: string, @Body() dto: CreateDealMilestoneDto): Promise<DealMilestoneDto> {
    return this.milestones.create(id, dto);
  }

  @Patch(':id/milestones/:milestoneId')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: DealMilestoneDto })
  @ApiConflictResponse(INVOICED)
  update(@IdParam() id: string, @MilestoneId() milestoneId: string, @Body() dto: PatchDealMilestoneDto): Promise<DealMilestoneDto> {
    return this.milestones.update(id, milestoneId, dto);
  }

  @PostAction(':id/milestones/:milestoneId/reach')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'planned -> reached: the next invoice of the deal bills it; `deal.milestone_reached`' })
  @ApiOkResponse({ type: DealMilestoneDto })
  @ApiConflictResponse(INVOICED)
  reach(@IdParam() id: string, @MilestoneId() milestoneId: string, @Body() dto: ReachMilestoneDto): Promise<DealMilestoneDto> {
    return this.milestones.reach(id, milestoneId, dto);
  }

  @Delete(':id/milestones/:milestoneId')
  @Roles('admin', 'manager')
  @ApiDeleted()
  @ApiConflictResponse(INVOICED)
  remove(@IdParam() id: string, @MilestoneId() milestoneId: string): Promise<void> {
    return this.milestones.remove(id, milestoneId);
  }

  @Get(':id/retainer-balance')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({
    summary: "A retainer month's hours: included (prorated in the first month), rolled over, used, left and overage",
    description: "Months are calendar months in the organization's time zone; unused hours roll over for rollover_months months and are used oldest first. 404 when the deal does not bill as a retainer.",
  })
  @ApiOkResponse({ type: RetainerBalanceDto })
  balance(@IdParam() id: string, @Query() query: RetainerBalanceQueryDto): Promise<RetainerBalanceDto> {
    return this.retainers.balance(id, query.month);
  }
}
