import type { EmailSettings } from '../settings/channel-settings.schema';
import type { EmailTemplate } from '../templates/template-content.schema';
import { renderTemplate, withFallbacks } from '../templates/render-template';

/** A rendered email, ready for nodemailer. */
export interface RenderedEmail {
  from: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** RFC 2369 / RFC 8058: the one-click unsubscribe URL, also in the body. */
  listUnsubscribe: string;
  headers: Record<string, string>;
}

export interface EmailLinks {
  unsubscribeUrl: string;
  openPixelUrl: string;
  /** The tracked, signed redirect for a destination. */
  clickUrl: (destination: string) => string;
}

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi;

/**
 * Renders a marketing email as the Act on the Regulation of Transmission of Specified Electronic
 * Mail (特定電子メール法, art. 4) requires it: the sender's name and postal address, where to send
 * complaints, and how to opt out, in every message; plus `List-Unsubscribe` with one-click POST
 * (RFC 8058), which Gmail and Yahoo require of bulk senders. Links are rewritten to signed click
 * redirects, and a 1x1 pixel records opens.
 */
export function composeEmail(
  template: EmailTemplate,
  data: object,
  sender: EmailSettings['public'],
  links: EmailLinks,
): RenderedEmail {
  const context = withFallbacks(data, template.fallbacks);
  const subject = renderTemplate(template.subject, context)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const body = renderTemplate(template.html, context, 'html').replace(
    HREF,
    (_match, start: string, quote: string, url: string) =>
      `${start}${quote}${escapeAttribute(links.clickUrl(decodeEntities(url)))}${quote}`,
  );
  const text = template.text ? renderTemplate(template.text, context) : htmlToText(body);
  const contact = sender.contactAddress ?? sender.fromAddress;
  const preheader = template.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(renderTemplate(template.preheader, context))}</div>`
    : '';
  const footerHtml =
    `<hr><p style="font-size:12px;color:#666">送信者: ${escapeHtml(sender.senderName)}<br>` +
    `住所: ${escapeHtml(sender.postalAddress)}<br>お問い合わせ: ${escapeHtml(contact)}<br>` +
    `配信停止: <a href="${escapeAttribute(links.unsubscribeUrl)}">こちらから配信を停止できます</a></p>` +
    `<img src="${escapeAttribute(links.openPixelUrl)}" width="1" height="1" alt="" style="display:block">`;
  const footerText =
    `\n\n--\n送信者: ${sender.senderName}\n住所: ${sender.postalAddress}\nお問い合わせ: ${contact}\n` +
    `配信停止: ${links.unsubscribeUrl}\n`;
  const html = /<\/body>/i.test(body)
    ? body.replace(/<body([^>]*)>/i, `<body$1>${preheader}`).replace(/<\/body>/i, `${footerHtml}</body>`)
    : `${preheader}${body}${footerHtml}`;
  return {
    from: { name: sender.senderName, address: sender.fromAddress },
    subject,
    html,
    text: `${text}${footerText}`,
    listUnsubscribe: links.unsubscribeUrl,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/'/g, '&#39;');
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** The text part when the template has none: the HTML's text with links kept. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
      .replace(/<a\b[^>]*href=["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;/g, ' '),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
