import {
  rfStageLabel,
  rfmScores,
  topPreferences,
  describeAttribute,
  describeMergeReason,
  formatAddress,
  groupIdentities,
  latestConsents,
  nameParts,
  parseCustomerId,
  type CustomerIdentity,
} from './customer';

describe('nameParts', () => {
  it('orders the name 姓 名 with each reading', () => {
    expect(
      nameParts({ familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ' }),
    ).toEqual([
      { text: '山田', reading: 'ヤマダ' },
      { text: '花子', reading: 'ハナコ' },
    ]);
  });

  it('shows the kana as the name when only the reading is known', () => {
    expect(
      nameParts({ familyName: '佐藤', givenName: null, familyNameKana: ' サトウ ', givenNameKana: 'ケン' }),
    ).toEqual([
      { text: '佐藤', reading: 'サトウ' },
      { text: 'ケン', reading: null },
    ]);
  });

  it('is empty without any name', () => {
    expect(nameParts({ familyName: '', givenName: null, familyNameKana: null, givenNameKana: '  ' })).toEqual([]);
  });
});

describe('groupIdentities', () => {
  const identity = (
    kind: CustomerIdentity['kind'],
    value: string,
    createdAt: string,
    source = 'ec',
  ): CustomerIdentity => ({
    kind,
    value,
    createdAt,
    source,
  });

  it('groups by kind in a fixed order, oldest first, leaving out empty kinds', () => {
    const groups = groupIdentities([
      identity('member', 'M-001', '2026-01-02T00:00:00Z', 'pos'),
      identity('email', 'b@example.jp', '2026-01-03T00:00:00Z'),
      identity('email', 'a@example.jp', '2026-01-01T00:00:00Z', 'pos'),
      identity('line', 'U0123456789abcdef0123456789abcdef', '2026-01-04T00:00:00Z', 'line'),
    ]);
    expect(groups.map((group) => [group.kind, group.identities.map((item) => item.value)])).toEqual([
      ['email', ['a@example.jp', 'b@example.jp']],
      ['line', ['U0123456789abcdef0123456789abcdef']],
      ['member', ['M-001']],
    ]);
  });
});

describe('latestConsents', () => {
  it('lists every channel with its latest decision', () => {
    const rows = latestConsents([
      { channel: 'email', status: 'granted', recordedAt: '2026-01-01T00:00:00Z', source: 'ec' },
      { channel: 'email', status: 'revoked', recordedAt: '2026-02-01T00:00:00Z', source: 'ec' },
      { channel: 'line', status: 'granted', recordedAt: '2026-01-15T00:00:00+09:00', source: 'line' },
    ]);
    expect(rows.map((row) => [row.channel, row.consent?.status ?? null])).toEqual([
      ['email', 'revoked'],
      ['line', 'granted'],
      ['sms', null],
      ['dm', null],
    ]);
  });
});

describe('describeMergeReason', () => {
  it('writes a JSON reason as key: value pairs', () => {
    expect(describeMergeReason({ identity: 'email', value: 'a@example.jp' })).toBe(
      'identity: email, value: a@example.jp',
    );
    expect(describeMergeReason({ shared: ['email', 'phone'] })).toBe('shared: ["email","phone"]');
  });

  it('keeps text, and has nothing for no reason', () => {
    expect(describeMergeReason('same member_no')).toBe('same member_no');
    expect(describeMergeReason(null)).toBeNull();
    expect(describeMergeReason(['a', 1])).toBe('["a",1]');
  });
});

describe('describeAttribute', () => {
  it('writes values as text', () => {
    expect(describeAttribute('ゴールド')).toBe('ゴールド');
    expect(describeAttribute(3)).toBe('3');
    expect(describeAttribute(false)).toBe('false');
    expect(describeAttribute({ a: 1 })).toBe('{"a":1}');
    expect(describeAttribute(null)).toBe('');
  });
});

describe('formatAddress', () => {
  it('joins a Japanese address in order with the building after a space', () => {
    expect(
      formatAddress({
        prefecture: '東京都',
        city: '渋谷区',
        addressLine1: '神宮前1-2-3',
        addressLine2: 'ハイツ神宮 401',
      }),
    ).toBe('東京都渋谷区神宮前1-2-3 ハイツ神宮 401');
    expect(formatAddress({ prefecture: '大阪府', city: null, addressLine1: null, addressLine2: null })).toBe('大阪府');
    expect(formatAddress({ prefecture: null, city: null, addressLine1: null, addressLine2: null })).toBeNull();
  });
});

describe('parseCustomerId', () => {
  it('accepts positive integers only', () => {
    expect(parseCustomerId('42')).toBe(42);
    expect(parseCustomerId('0')).toBeNull();
    expect(parseCustomerId('042')).toBeNull();
    expect(parseCustomerId('abc')).toBeNull();
    expect(parseCustomerId('1e3')).toBeNull();
    expect(parseCustomerId(undefined)).toBeNull();
  });
});

describe('rfmScores', () => {
  it('writes the known scores as R3 F2 M4', () => {
    expect(rfmScores({ rScore: 3, fScore: 2, mScore: 4 })).toBe('R3 F2 M4');
    expect(rfmScores({ rScore: 5, fScore: null, mScore: 1 })).toBe('R5 M1');
    expect(rfmScores({ rScore: null, fScore: null, mScore: null })).toBeNull();
  });
});

describe('topPreferences', () => {
  it('keeps the first shares above zero', () => {
    const share = (name: string, value: number) => ({ name, spend: value * 10_000, share: value });
    expect(
      topPreferences([share('うるおい', 0.6), share('エイジング', 0.3), share('UV', 0.1), share('ボディ', 0)]).map(
        (item) => item.name,
      ),
    ).toEqual(['うるおい', 'エイジング', 'UV']);
    expect(topPreferences([share('UV', 0.1), share('ボディ', 0)], 3).map((item) => item.name)).toEqual(['UV']);
  });
});

describe('rfStageLabel', () => {
  const groups = {
    frequencyGroups: [
      { code: 'new', label: '新規' },
      { code: 'promising', label: '有望' },
      { code: 'loyal', label: '優良' },
    ],
    recencyGroups: [
      { code: 'active', label: '現役' },
      { code: 'dormant', label: '休止' },
    ],
  };

  it('names a stage by its two groups', () => {
    expect(rfStageLabel('promising_active', groups)).toBe('有望現役');
    expect(rfStageLabel('loyal_dormant', groups)).toBe('優良休止');
  });

  it('has no name for an unknown stage or before the settings are known', () => {
    expect(rfStageLabel('loyal_lapsed', groups)).toBeNull();
    expect(rfStageLabel('new_active', undefined)).toBeNull();
  });
});
