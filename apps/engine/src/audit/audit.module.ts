import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditActorInterceptor } from './audit-actor';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log.service';
import { AuditRepository } from './audit.repository';

/** Global: the services that change settings, journeys, keys and templates record through AuditLog. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditLog, { provide: APP_INTERCEPTOR, useClass: AuditActorInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
