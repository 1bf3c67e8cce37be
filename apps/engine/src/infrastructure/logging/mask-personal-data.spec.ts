import { maskPersonalText, maskSerializedError } from './mask-personal-data';

describe('maskPersonalText', () => {
  it.each([
    ['550 5.1.1 <taro.yamada+shop@example.co.jp>: user unknown', '550 5.1.1 <[email]>: user unknown'],
    ['宛先 はなこ@例え.jp が見つかりません', '宛先 [email] が見つかりません'],
    ['The number +819012345678 is not a valid mobile number', 'The number [phone] is not a valid mobile number'],
    ['電話 090-1234-5678 に送れません', '電話 [phone] に送れません'],
    ['call 03 1234 5678 today', 'call [phone] today'],
    ['push to U4af4980629a1b2c3d4e5f60718293a4b failed', 'push to [line-user] failed'],
  ])('masks %s', (text, expected) => {
    expect(maskPersonalText(text)).toBe(expected);
  });

  it.each([
    'import 42 failed at line 1200, column order_id',
    'journey 7 version 3 node send-1',
    'job 20261206-000123 took 1500 ms',
    'request failed with status 503',
  ])('leaves ids, counts and dates alone: %s', (text) => {
    expect(maskPersonalText(text)).toBe(text);
  });
});

describe('maskSerializedError', () => {
  it('masks the message and the stack, keeps the rest', () => {
    const masked = maskSerializedError({
      type: 'Error',
      message: 'rejected <a@b.jp>',
      stack: 'Error: rejected <a@b.jp>\n    at send',
      code: 'EENVELOPE',
    });
    expect(masked).toEqual({
      type: 'Error',
      message: 'rejected <[email]>',
      stack: 'Error: rejected <[email]>\n    at send',
      code: 'EENVELOPE',
    });
  });
});
