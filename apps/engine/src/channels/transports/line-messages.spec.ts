import { LineTemplateSchema, type LineTemplate } from '@kizuna/channels';
import { LineRenderError, parsePostbackData, postbackDataFor, renderLineMessages } from './line-messages';

const template = (input: unknown): LineTemplate => LineTemplateSchema.parse({ channel: 'line', ...(input as object) });
const data = { customer: { givenName: '花子', fullName: '山田 花子' }, coupon: { code: 'SPRING-7Q2K' } };

describe('rendering LINE messages', () => {
  it('renders text with Liquid and the fallbacks', () => {
    const messages = renderLineMessages(
      template({
        messages: [{ type: 'text', text: '{{ customer.nickname }}さん、クーポン {{ coupon.code }}' }],
        fallbacks: { 'customer.nickname': 'お客' },
      }),
      data,
      '17',
    );
    expect(messages).toEqual([{ type: 'text', text: 'お客さん、クーポン SPRING-7Q2K' }]);
  });

  it('makes a buttons card a Flex bubble whose postbacks name the message', () => {
    const [message] = renderLineMessages(
      template({
        messages: [
          {
            type: 'buttons',
            altText: '{{ customer.givenName }}様へのご案内',
            title: '春のセール',
            text: '{{ customer.fullName }}様、ご来店をお待ちしています',
            buttons: [
              { label: '行く', data: 'answer=yes' },
              { label: '行かない', data: 'answer=no' },
            ],
          },
        ],
      }),
      data,
      '12345',
    );
    expect(message).toEqual({
      type: 'flex',
      altText: '花子様へのご案内',
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'md',
          contents: [
            { type: 'text', text: '春のセール', weight: 'bold', size: 'lg', wrap: true },
            { type: 'text', text: '山田 花子様、ご来店をお待ちしています', wrap: true },
          ],
        },
        footer: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: [
            {
              type: 'button',
              style: 'primary',
              height: 'sm',
              action: { type: 'postback', label: '行く', data: 'answer=yes&m=12345', displayText: '行く' },
            },
            {
              type: 'button',
              style: 'secondary',
              height: 'sm',
              action: { type: 'postback', label: '行かない', data: 'answer=no&m=12345', displayText: '行かない' },
            },
          ],
        },
      },
    });
  });

  it('renders Liquid in every string value of a Flex container, never in keys', () => {
    const [message] = renderLineMessages(
      template({
        messages: [
          {
            type: 'flex',
            altText: '{{ coupon.code }}',
            contents: {
              type: 'bubble',
              body: {
                type: 'box',
                layout: 'vertical',
                contents: [
                  { type: 'text', text: '{{ customer.givenName }}様', size: 'xl' },
                  { type: 'button', action: { type: 'postback', label: '使う', data: 'use={{ coupon.code }}' } },
                  {
                    type: 'button',
                    action: { type: 'uri', label: '店舗', uri: 'https://shop.example/{{ coupon.code }}' },
                  },
                ],
              },
            },
          },
        ],
      }),
      data,
      '9',
    );
    expect(message).toEqual({
      type: 'flex',
      altText: 'SPRING-7Q2K',
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          contents: [
            { type: 'text', text: '花子様', size: 'xl' },
            { type: 'button', action: { type: 'postback', label: '使う', data: 'use=SPRING-7Q2K&m=9' } },
            { type: 'button', action: { type: 'uri', label: '店舗', uri: 'https://shop.example/SPRING-7Q2K' } },
          ],
        },
      },
    });
  });

  it('refuses what LINE would refuse, naming the field', () => {
    expect(() =>
      renderLineMessages(template({ messages: [{ type: 'text', text: '{{ customer.nickname }}' }] }), data, '1'),
    ).toThrow(new LineRenderError('messages.0.text', 'is empty after rendering'));
    expect(() =>
      renderLineMessages(
        template({
          messages: [
            { type: 'text', text: 'x' },
            { type: 'text', text: '{{ long }}' },
          ],
        }),
        { long: 'あ'.repeat(5_001) },
        '1',
      ),
    ).toThrow('messages.1.text: is 5001 characters after rendering (LINE allows 5000)');
    expect(() =>
      renderLineMessages(
        template({ messages: [{ type: 'flex', altText: 'a', contents: { type: 'box', layout: 'vertical' } }] }),
        data,
        '1',
      ),
    ).toThrow('messages.0.contents.type: must be "bubble" or "carousel" (a Flex container)');
  });

  it('is the same for everyone when nothing personal is printed (so it can be multicast)', () => {
    const sale = template({ messages: [{ type: 'text', text: '本日限りのセール' }] });
    expect(renderLineMessages(sale, data, '1')).toEqual(renderLineMessages(sale, { customer: {} }, '2'));
  });
});

describe('postback data', () => {
  it('carries the message id when it fits in 300 characters, and reads back', () => {
    expect(postbackDataFor('answer=yes', '42')).toBe('answer=yes&m=42');
    expect(parsePostbackData('answer=yes&m=42')).toEqual({ data: 'answer=yes', messageId: '42' });
    expect(postbackDataFor('x'.repeat(295), '42')).toHaveLength(300);
    const long = 'x'.repeat(296);
    expect(postbackDataFor(long, '42')).toBe(long);
    expect(parsePostbackData(long)).toEqual({ data: long, messageId: null });
    expect(parsePostbackData('richmenu=home')).toEqual({ data: 'richmenu=home', messageId: null });
  });
});
