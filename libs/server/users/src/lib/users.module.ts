import { Module } from '@nestjs/common';
import { AuthModule } from '@clockwork/server-auth';
import { AcceptInvitationController, InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule],
  // Invitations first: `users/invitations` must not be taken for `users/:id`.
  controllers: [InvitationsController, AcceptInvitationController, UsersController],
  providers: [UsersService, UsersRepository, InvitationsService, InvitationsRepository],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
