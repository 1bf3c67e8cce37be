import { signLink, verifyLink } from './signed-token';

const key = Buffer.alloc(32, 7);

describe('signed links', () => {
  it('round-trips what the link stands for', () => {
    const token = signLink(
      { purpose: 'click', workspaceId: 3, messageId: '42', url: 'https://shop.example/a?b=1' },
      key,
    );
    expect(verifyLink(token, key)).toEqual({
      purpose: 'click',
      workspaceId: 3,
      messageId: '42',
      url: 'https://shop.example/a?b=1',
    });
  });

  it('refuses a changed message, destination, key or shape', () => {
    const token = signLink({ purpose: 'unsubscribe', workspaceId: 3, messageId: '42' }, key);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify(['unsubscribe', 3, '43', null])).toString('base64url');
    expect(verifyLink(`${forged}.${signature}`, key)).toBeNull();
    expect(verifyLink(token, Buffer.alloc(32, 8))).toBeNull();
    expect(verifyLink(`${payload}.${signature}.x`, key)).toBeNull();
    expect(verifyLink(payload, key)).toBeNull();
    expect(verifyLink(`${payload}.${signature.slice(1)}`, key)).toBeNull();
  });
});
