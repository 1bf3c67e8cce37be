import { classifySmsReply } from './sms-keywords';

describe('classifySmsReply', () => {
  it("opts out on Twilio's keywords and the Japanese ones, in any case, width or surrounding space", () => {
    for (const body of [
      'STOP',
      'stop',
      ' Stop\n',
      'STOPALL',
      'unsubscribe',
      'Cancel',
      'END',
      'quit',
      '停止',
      ' 配信停止 ',
    ]) {
      expect([body, classifySmsReply(body)]).toEqual([body, 'opt-out']);
    }
    // Full-width letters, as a Japanese keyboard types them (NFKC).
    expect(classifySmsReply('ＳＴＯＰ')).toBe('opt-out');
    expect(classifySmsReply('ｓｔｏｐ')).toBe('opt-out');
  });

  it('opts in again on START, UNSTOP and 再開', () => {
    expect(['START', 'start', 'Unstop', '再開', 'ＳＴＡＲＴ'].map(classifySmsReply)).toEqual([
      'opt-in',
      'opt-in',
      'opt-in',
      'opt-in',
      'opt-in',
    ]);
  });

  it('treats everything else as a reply, keywords inside a sentence and YES included', () => {
    expect(['stop the spam', '配信停止してください', 'STOP!', 'YES', 'ありがとう', ''].map(classifySmsReply)).toEqual([
      'message',
      'message',
      'message',
      'message',
      'message',
      'message',
    ]);
  });
});
