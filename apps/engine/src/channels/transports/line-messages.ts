import { renderTemplate, withFallbacks, type LineTemplate } from '@kizuna/channels';
import type { messagingApi } from '@line/bot-sdk';

/**
 * Limits the Messaging API puts on what we render ("Message objects" and "Action objects" in the
 * Messaging API reference): a text message's text, a Flex message's altText, a Flex button's label,
 * a postback action's data. A rendered value over them would be refused with a 400.
 */
export const LINE_LIMITS = { text: 5_000, altText: 1_500, buttonLabel: 20, postbackData: 300 } as const;

/** A template that renders to something LINE would refuse: a failure of the message, not of the provider. */
export class LineRenderError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const MESSAGE_ID_SUFFIX = /&m=(\d{1,18})$/;

/**
 * Postback data that names the message it came in (`<data>&m=<message id>`), so a tap is recorded
 * against the message, its journey step and enrolment. Data too long to carry the id (LINE allows
 * 300 characters) goes as written: the tap is still recorded, without its message.
 */
export function postbackDataFor(data: string, messageId: string): string {
  const tagged = `${data}&m=${messageId}`;
  return tagged.length <= LINE_LIMITS.postbackData ? tagged : data;
}

/** The template's data and the message id a postback carries (see `postbackDataFor`). */
export function parsePostbackData(data: string): { data: string; messageId: string | null } {
  const match = MESSAGE_ID_SUFFIX.exec(data);
  return match ? { data: data.slice(0, match.index), messageId: match[1]! } : { data, messageId: null };
}

/**
 * The LINE messages of a template for one recipient: Liquid rendered with the template's
 * fallbacks, `buttons` cards as Flex bubbles with postback buttons, Flex containers with Liquid in
 * their string values; every postback names the message.
 */
export function renderLineMessages(template: LineTemplate, data: object, messageId: string): messagingApi.Message[] {
  const context = withFallbacks(data, template.fallbacks);
  return template.messages.map((message, index): messagingApi.Message => {
    const field = `messages.${index}`;
    switch (message.type) {
      case 'text':
        return {
          type: 'text',
          text: limited(renderTemplate(message.text, context), `${field}.text`, LINE_LIMITS.text),
        };
      case 'buttons':
        return {
          type: 'flex',
          altText: limited(renderTemplate(message.altText, context), `${field}.altText`, LINE_LIMITS.altText),
          contents: buttonsBubble(
            message.title === undefined ? '' : renderTemplate(message.title, context).trim(),
            limited(renderTemplate(message.text, context), `${field}.text`, LINE_LIMITS.text),
            message.buttons.map((button, b) => ({
              label: limited(
                renderTemplate(button.label, context).trim(),
                `${field}.buttons.${b}.label`,
                LINE_LIMITS.buttonLabel,
              ),
              data: postbackDataFor(button.data, messageId),
            })),
          ),
        };
      case 'flex': {
        const contents = renderFlexValue(message.contents, context, messageId) as Record<string, unknown>;
        if (contents.type !== 'bubble' && contents.type !== 'carousel') {
          throw new LineRenderError(`${field}.contents.type`, 'must be "bubble" or "carousel" (a Flex container)');
        }
        return {
          type: 'flex',
          altText: limited(renderTemplate(message.altText, context), `${field}.altText`, LINE_LIMITS.altText),
          contents: contents as unknown as messagingApi.FlexContainer,
        };
      }
    }
  });
}

function limited(value: string, field: string, max: number): string {
  if (!value.trim()) throw new LineRenderError(field, 'is empty after rendering');
  if (value.length > max) {
    throw new LineRenderError(field, `is ${value.length} characters after rendering (LINE allows ${max})`);
  }
  return value;
}

function buttonsBubble(
  title: string,
  text: string,
  buttons: readonly { label: string; data: string }[],
): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        ...(title ? [{ type: 'text', text: title, weight: 'bold', size: 'lg', wrap: true } as const] : []),
        { type: 'text', text, wrap: true },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: buttons.map((button, index) => ({
        type: 'button',
        style: index === 0 ? 'primary' : 'secondary',
        height: 'sm',
        // displayText shows the tap in the chat as the customer's words; only the postback reaches the webhook.
        action: { type: 'postback', label: button.label, data: button.data, displayText: button.label },
      })),
    },
  };
}

/** Liquid in every string value of a Flex container (never in keys); postback actions name the message. */
function renderFlexValue(value: unknown, context: object, messageId: string): unknown {
  if (typeof value === 'string') return renderTemplate(value, context);
  if (Array.isArray(value)) return value.map((item) => renderFlexValue(item, context, messageId));
  if (typeof value !== 'object' || value === null) return value;
  const rendered: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) rendered[key] = renderFlexValue(item, context, messageId);
  if (rendered.type === 'postback' && typeof rendered.data === 'string') {
    rendered.data = postbackDataFor(rendered.data, messageId);
  }
  return rendered;
}
