import { Controller, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../../auth/authenticated-workspace';
import { CurrentWorkspace } from '../../auth/current-workspace.decorator';
import { LineLinkService } from './line-link.service';
import { Requires } from '../../auth/requires.decorator';

@ApiTags('Channels')
@ApiBearerAuth()
@Controller('v1/customers')
export class LineLinkController {
  constructor(private readonly links: LineLinkService) {}

  /**
   * A nonce (valid 10 minutes, used once) for LINE's account link flow: the shop's site, with the
   * customer logged in, sends them to `https://access.line.me/dialog/bot/accountLink?linkToken=<token>&nonce=<nonce>`.
   */
  @Requires('data.import')
  @Post(':id/line-link-nonce')
  createNonce(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('id', ParseIntPipe) id: number) {
    return this.links.createNonce(auth.workspaceId, id);
  }
}
