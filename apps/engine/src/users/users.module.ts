import { Module } from '@nestjs/common';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { OperatorAccounts } from './operator-accounts.service';
import { SessionController } from './session.controller';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { UserRepository } from './user.repository';

@Module({
  imports: [WorkspaceModule],
  controllers: [SessionController, MembersController],
  providers: [UserRepository, SessionRepository, SessionService, MembersService, OperatorAccounts],
  exports: [SessionService, OperatorAccounts],
})
export class UsersModule {}
