import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImportsModule } from '../imports/imports.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { SeedDemoUseCase } from './seed-demo.use-case';

@Module({
  imports: [AuthModule, ImportsModule, WorkspaceModule],
  providers: [SeedDemoUseCase],
  exports: [SeedDemoUseCase],
})
export class DemoModule {}
