import { settingsChanges } from './settings-changes';

describe('settingsChanges', () => {
  it('lists changed, added and removed fields by dotted name with old and new values', () => {
    expect(
      settingsChanges(
        { rfm: { windowDays: 365, bins: 5 }, timezone: 'Asia/Tokyo', old: true },
        { rfm: { windowDays: 180, bins: 5 }, timezone: 'Asia/Tokyo', added: [1, 2] },
      ),
    ).toEqual([
      { field: 'added', from: null, to: [1, 2] },
      { field: 'old', from: true, to: null },
      { field: 'rfm.windowDays', from: 365, to: 180 },
    ]);
  });

  it('reports a secret only as changed, and not at all when it is the same', () => {
    const before = { public: { from: 'a@shop.jp' }, secret: { smtpUrl: 'smtp://u:old@h' } };
    expect(settingsChanges(before, { ...before, secret: { smtpUrl: 'smtp://u:new@h' } }, ['secret'])).toEqual([
      { field: 'secret.smtpUrl', changed: true },
    ]);
    expect(settingsChanges(before, before, ['secret'])).toEqual([]);
  });

  it('treats missing settings as empty', () => {
    expect(settingsChanges(undefined, { a: 1 })).toEqual([{ field: 'a', from: null, to: 1 }]);
  });
});
