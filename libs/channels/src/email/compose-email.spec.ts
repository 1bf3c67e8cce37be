import { composeEmail } from './compose-email';

const sender = {
  fromAddress: 'news@shop.example',
  senderName: '絆コスメ',
  postalAddress: '東京都渋谷区神南1-2-3',
  poolSize: 5,
};
const links = {
  unsubscribeUrl: 'https://k.example/t/u/UNSUB',
  openPixelUrl: 'https://k.example/t/o/OPEN',
  clickUrl: (url: string) => `https://k.example/t/c/${encodeURIComponent(url)}`,
};

describe('composeEmail', () => {
  const email = composeEmail(
    {
      channel: 'email',
      subject: '{{ customer.fullName }} 様\nへ',
      html: '<p>こんにちは</p><a href="https://shop.example/a?x=1&amp;y=2">買う</a>',
      fallbacks: {},
    },
    { customer: { fullName: '山田 花子' } },
    sender,
    links,
  );

  it('carries the sender, address, contact and opt-out the act requires, in both parts', () => {
    for (const part of [email.html, email.text]) {
      expect(part).toContain('絆コスメ');
      expect(part).toContain('東京都渋谷区神南1-2-3');
      expect(part).toContain('news@shop.example');
    }
    expect(email.text).toContain('配信停止: https://k.example/t/u/UNSUB');
    expect(email.html).toContain('href="https://k.example/t/u/UNSUB"');
  });

  it('offers one-click unsubscribe (RFC 8058) and keeps the subject on one line', () => {
    expect(email.headers).toEqual({
      'List-Unsubscribe': '<https://k.example/t/u/UNSUB>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(email.subject).toBe('山田 花子 様 へ');
  });

  it('tracks clicks through the redirect with the decoded destination, and opens with a pixel', () => {
    expect(email.html).toContain(
      `href="https://k.example/t/c/${encodeURIComponent('https://shop.example/a?x=1&y=2')}"`,
    );
    expect(email.html).toContain('<img src="https://k.example/t/o/OPEN"');
    expect(email.text).toContain('買う (https://k.example/t/c/');
  });
});
