import { composeEmail, type EmailSettings, type EmailTemplate, type SendOutcome } from '@kizuna/channels';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { ChannelSettingsService } from '../channel-settings.service';
import { MessageLinks } from '../message-links';
import type { ChannelDelivery, DeliveryItem, DeliveryResult } from './channel-delivery';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

/**
 * Email through nodemailer's pooled SMTP transport, one pool per workspace and settings (kept
 * while the settings do not change). SMTP 4xx and connection failures are retried; 5xx means the
 * server refused the message or the address for good: bounced.
 */
@Injectable()
export class EmailDelivery implements ChannelDelivery, OnApplicationShutdown {
  readonly channel = 'email';
  private readonly pools = new Map<number, { fingerprint: string; transporter: Transporter }>();

  constructor(
    private readonly settings: ChannelSettingsService,
    private readonly links: MessageLinks,
  ) {}

  async deliver(workspaceId: number, items: readonly DeliveryItem[]): Promise<DeliveryResult[]> {
    const settings = await this.settings.resolve(workspaceId, 'email');
    const sender: EmailSettings['public'] = settings?.public ?? {
      fromAddress: 'sandbox@kizuna.invalid',
      senderName: 'Kizuna sandbox',
      postalAddress: '(no sender address configured)',
      poolSize: 1,
    };
    const transporter = settings ? this.transporter(workspaceId, settings) : undefined;
    return Promise.all(
      items.map(async (item): Promise<DeliveryResult> => {
        const email = composeEmail(
          item.template as EmailTemplate,
          item.data,
          sender,
          this.links.forMessage(workspaceId, item.messageId),
        );
        const rendered = {
          from: email.from,
          to: item.recipient,
          subject: email.subject,
          html: email.html,
          text: email.text,
        };
        if (!transporter) {
          return {
            messageId: item.messageId,
            outcome: { kind: 'sent', providerMessageId: `sandbox-${item.messageId}`, delivered: true },
            rendered: { ...rendered, sandbox: true },
          };
        }
        return { messageId: item.messageId, outcome: await this.send(transporter, item, email), rendered };
      }),
    );
  }

  private async send(
    transporter: Transporter,
    item: DeliveryItem,
    email: ReturnType<typeof composeEmail>,
  ): Promise<SendOutcome> {
    try {
      const info = (await transporter.sendMail({
        from: email.from,
        to: item.recipient,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        // A stable Message-ID per message: a retried send is recognisable downstream.
        messageId: `<${item.idempotencyKey.replace(/[^\w.-]/g, '.')}@kizuna>`,
      })) as { messageId?: string };
      return { kind: 'sent', providerMessageId: info.messageId ?? null, delivered: true };
    } catch (error) {
      return smtpOutcome(error as SmtpError);
    }
  }

  private transporter(workspaceId: number, settings: EmailSettings): Transporter {
    const fingerprint = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    const existing = this.pools.get(workspaceId);
    if (existing?.fingerprint === fingerprint) return existing.transporter;
    existing?.transporter.close();
    const url = new URL(settings.secret.smtpUrl);
    const transporter = nodemailer.createTransport({
      pool: true,
      maxConnections: settings.public.poolSize,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      ...(url.searchParams.get('tls') === 'off' ? { ignoreTLS: true } : {}),
    });
    this.pools.set(workspaceId, { fingerprint, transporter });
    return transporter;
  }

  onApplicationShutdown(): void {
    for (const { transporter } of this.pools.values()) transporter.close();
    this.pools.clear();
  }
}

/** SMTP reply codes (RFC 5321 §4.2.1): 4yz transient, 5yz permanent. */
export function smtpOutcome(error: SmtpError): SendOutcome {
  const code = error.responseCode;
  const reason = (error.response ?? error.message).slice(0, 500);
  if (code !== undefined && code >= 500) {
    // An authentication failure is ours, not the address's: kept for a retry after the settings are fixed.
    if (error.code === 'EAUTH')
      return { kind: 'retry', reason: `SMTP authentication failed: ${reason}`, retryAfterMs: 300_000 };
    return { kind: 'failed', reason: `SMTP ${code}: ${reason}`, bounced: true };
  }
  return { kind: 'retry', reason: code ? `SMTP ${code}: ${reason}` : `SMTP: ${reason}` };
}
