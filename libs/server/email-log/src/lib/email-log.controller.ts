import { Body, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AnyRole, Roles, UsersOnly, ApiController, PostAction } from '@clockwork/server-core';
import { AssignEmailDto, EmailInboxDto, ErrorResponseDto, LoggedEmailDto, LoggedEmailPageDto, LoggedEmailQueryDto, RotatedEmailInboxDto, UnmatchedEmailQueryDto } from '@clockwork/shared-dto';
import { EmailInboxService } from './email-inbox.service';
import { EmailReviewService } from './email-review.service';

const NOT_FOUND = { type: ErrorResponseDto, description: 'No such email in your organization (an unmatched one: for admins and managers only)' };

@ApiController('email-log', 'email-log')
export class EmailLogController {
  constructor(
    private readonly inbox: EmailInboxService,
    private readonly review: EmailReviewService,
  ) {}

  @Get('address')
  @AnyRole()
  @ApiOperation({ summary: "The organization's inbound address: BCC or forward mail to it to log it on the contacts' timelines" })
  @ApiOkResponse({ type: EmailInboxDto })
  address(): Promise<EmailInboxDto> {
    return this.inbox.address();
  }

  @PostAction('address/rotate')
  @UsersOnly('admin')
  @ApiOperation({ summary: 'A new inbound address and inbound-webhook signing secret (shown this once); the old address stops accepting mail' })
  @ApiOkResponse({ type: RotatedEmailInboxDto })
  rotate(): Promise<RotatedEmailInboxDto> {
    return this.inbox.rotate();
  }

  @Get('emails')
  @AnyRole()
  @ApiOperation({ summary: 'Logged emails linked to a contact, account or deal (or every matched one), newest first' })
  @ApiOkResponse({ type: LoggedEmailPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The contact, account or deal does not exist in your organization, or your role may not read it' })
  list(@Query() query: LoggedEmailQueryDto): Promise<LoggedEmailPageDto> {
    return this.review.list(query);
  }

  @Get('emails/:id')
  @AnyRole()
  @ApiOperation({ summary: 'One logged email with its body, attachments and the records it is linked to' })
  @ApiOkResponse({ type: LoggedEmailDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<LoggedEmailDto> {
    return this.review.get(id);
  }

  @Get('unmatched')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Emails that matched no contact, waiting for review, newest first' })
  @ApiOkResponse({ type: LoggedEmailPageDto })
  unmatched(@Query() query: UnmatchedEmailQueryDto): Promise<LoggedEmailPageDto> {
    return this.review.unmatched(query);
  }

  @PostAction('unmatched/:id/assign')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: "Links an unmatched email to a contact, the contact's account and that account's open deals" })
  @ApiOkResponse({ type: LoggedEmailDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The email is matched already' })
  assign(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignEmailDto): Promise<LoggedEmailDto> {
    return this.review.assign(id, dto);
  }

  @Delete('unmatched/:id')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Discards an unmatched email (and its attachments)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The email is matched: it is not in the review list' })
  discard(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.review.discard(id);
  }
}

