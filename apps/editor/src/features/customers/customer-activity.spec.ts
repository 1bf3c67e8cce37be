import {
  cappedList,
  countEngagement,
  enrollmentStateTone,
  formatScore,
  isSafeLink,
  messageStatusTone,
  responseDetail,
  responseKindTone,
} from './customer-activity';

const noDetail = { url: null, text: null, amount: null, event: null, via: null };

describe('countEngagement', () => {
  it('counts opens, clicks (LINE postbacks included), replies and conversions, and nothing else', () => {
    const kinds = [
      'opened',
      'opened',
      'clicked',
      'postback',
      'replied',
      'converted',
      'delivered',
      'bounced',
      'new-kind',
    ];
    expect(countEngagement(kinds.map((kind) => ({ kind })))).toEqual({
      opened: 2,
      clicked: 2,
      replied: 1,
      converted: 1,
    });
    expect(countEngagement([])).toEqual({ opened: 0, clicked: 0, replied: 0, converted: 0 });
  });
});

describe('responseDetail', () => {
  it('names the link of a click, the text of a reply, the amount or event of a conversion', () => {
    expect(responseDetail({ ...noDetail, url: 'https://shop.example.jp/a' })).toEqual({
      kind: 'link',
      url: 'https://shop.example.jp/a',
    });
    expect(responseDetail({ ...noDetail, text: '届きました' })).toEqual({ kind: 'text', text: '届きました' });
    expect(responseDetail({ ...noDetail, amount: 5500, via: 'coupon' })).toEqual({
      kind: 'amount',
      amount: 5500,
      via: 'coupon',
    });
    expect(responseDetail({ ...noDetail, amount: 0, via: null })).toEqual({ kind: 'amount', amount: 0, via: null });
    expect(responseDetail({ ...noDetail, event: 'sample_request', via: 'holdout' })).toEqual({
      kind: 'event',
      event: 'sample_request',
      via: 'holdout',
    });
  });

  it('has nothing for an open', () => {
    expect(responseDetail(noDetail)).toBeNull();
  });
});

describe('isSafeLink', () => {
  it('accepts http and https only', () => {
    expect(isSafeLink('https://shop.example.jp/a?b=1')).toBe(true);
    expect(isSafeLink('http://shop.example.jp')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
    expect(isSafeLink('data:text/html,x')).toBe(false);
    expect(isSafeLink('/relative')).toBe(false);
  });
});

describe('cappedList', () => {
  it('says how many of how many are shown when the engine capped the list', () => {
    expect(cappedList(50, 312)).toEqual({ shown: 50, total: 312 });
    expect(cappedList(12, 12)).toBeNull();
    expect(cappedList(0, 0)).toBeNull();
  });
});

describe('formatScore', () => {
  it('writes a probability as a percentage and points as a number', () => {
    expect(formatScore(0.8125, 'en-US')).toBe('81.3%');
    expect(formatScore(0.05, 'ja-JP')).toBe('5%');
    expect(formatScore(12, 'en-US')).toBe('12');
    expect(formatScore(1, 'en-US')).toBe('1');
    expect(formatScore(-2.345, 'en-US')).toBe('-2.35');
    expect(formatScore(1234.5, 'ja-JP')).toBe('1,234.5');
    expect(formatScore(Number.NaN, 'en-US')).toBe('—');
  });
});

describe('tones', () => {
  it('colours failures red, successes green and unknown values neutral', () => {
    expect(messageStatusTone('delivered')).toBe('success');
    expect(messageStatusTone('bounced')).toBe('danger');
    expect(messageStatusTone('suppressed')).toBe('warning');
    expect(messageStatusTone('archived')).toBe('neutral');
    expect(responseKindTone('converted')).toBe('success');
    expect(responseKindTone('unsubscribed')).toBe('warning');
    expect(responseKindTone('x')).toBe('neutral');
    expect(enrollmentStateTone('active')).toBe('info');
    expect(enrollmentStateTone('goal-missed')).toBe('warning');
    expect(enrollmentStateTone('x')).toBe('neutral');
  });
});
