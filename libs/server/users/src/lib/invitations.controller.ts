import { Body, Delete, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Public, UsersOnly, IdParam, ApiController, CreateRecord, PostAction } from '@clockwork/server-core';
import { AcceptInvitationDto, CreateInvitationDto, ErrorResponseDto, InvitationDto, InvitationListDto, TokenResponseDto } from '@clockwork/shared-dto';
import { InvitationsService } from './invitations.service';

@ApiController('users', 'users/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @CreateRecord(InvitationDto, 'The address is mailed a link to set a password (valid INVITATION_TTL_DAYS); the same answer whether or not it has an account elsewhere')
  @UsersOnly('admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A user of this organization already has this email' })
  create(@Body() dto: CreateInvitationDto): Promise<InvitationDto> {
    return this.invitations.create(dto);
  }

  @Get()
  @UsersOnly('admin', 'manager')
  @ApiOkResponse({ type: InvitationListDto })
  list(): Promise<InvitationListDto> {
    return this.invitations.listPending();
  }

  @Delete(':id')
  @UsersOnly('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: its link no longer works' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No pending invitation with this id' })
  revoke(@IdParam() id: string): Promise<void> {
    return this.invitations.revoke(id);
  }
}

@ApiController('auth', 'auth/invitations')
@Public()
export class AcceptInvitationController {
  constructor(private readonly invitations: InvitationsService) {}

  @PostAction('accept')
  @ApiOkResponse({ type: TokenResponseDto, description: 'The user exists with the chosen password, signed in; the link is spent' })
  accept(@Body() dto: AcceptInvitationDto): Promise<TokenResponseDto> {
    return this.invitations.accept(dto);
  }
}
