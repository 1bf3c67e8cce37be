import { renderTemplate, withFallbacks, type MessageChannel, type TemplateContent } from '@kizuna/channels';
import type { ChannelDelivery, DeliveryItem, DeliveryResult } from './channel-delivery';

/** The rendered text of any template, for the sandbox record. */
export function renderAny(template: TemplateContent, data: object): Record<string, unknown> {
  const context = withFallbacks(data, template.fallbacks);
  switch (template.channel) {
    case 'email':
      return {
        subject: renderTemplate(template.subject, context),
        html: renderTemplate(template.html, context, 'html'),
      };
    case 'line':
      return {
        messages: template.messages.map((m) =>
          m.type === 'flex'
            ? { type: 'flex', altText: renderTemplate(m.altText, context) }
            : { type: m.type, text: renderTemplate(m.text, context) },
        ),
      };
    case 'sms':
      return { body: renderTemplate(template.body, context) };
    case 'dm':
      return {
        creativeId: template.creativeId,
        message: template.message ? renderTemplate(template.message, context) : null,
      };
  }
}

/**
 * A channel with no provider yet: renders the message, records it and counts it as delivered, so a
 * demo runs offline end to end. Providers replace it per channel.
 */
export class SandboxDelivery implements ChannelDelivery {
  constructor(readonly channel: MessageChannel) {}

  async deliver(_workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]> {
    return items.map((item) => ({
      messageId: item.messageId,
      outcome: { kind: 'sent', providerMessageId: `sandbox-${item.messageId}`, delivered: true },
      rendered: { ...renderAny(item.template, item.data), sandbox: true },
    }));
  }
}
