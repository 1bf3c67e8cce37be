import { signLink, type LinkPurpose } from '@kizuna/channels';
import { Inject, Injectable } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { SecretBox } from '../infrastructure/secrets/secret-box';

/** The signed links a message carries: open pixel, click redirects, unsubscribe. */
@Injectable()
export class MessageLinks {
  readonly baseUrl: string;

  constructor(
    @Inject(ENGINE_CONFIG) config: EngineConfig,
    private readonly secrets: SecretBox,
  ) {
    this.baseUrl = (config.KIZUNA_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  }

  private link(path: string, purpose: LinkPurpose, workspaceId: number, messageId: string, url?: string): string {
    return `${this.baseUrl}/t/${path}/${signLink({ purpose, workspaceId, messageId, ...(url ? { url } : {}) }, this.secrets.linkKey)}`;
  }

  forMessage(workspaceId: number, messageId: string) {
    return {
      unsubscribeUrl: this.link('u', 'unsubscribe', workspaceId, messageId),
      openPixelUrl: this.link('o', 'open', workspaceId, messageId),
      clickUrl: (destination: string) => this.link('c', 'click', workspaceId, messageId, destination),
    };
  }
}
