import { detectLanguage } from './languages';

describe('detectLanguage', () => {
  it('starts in Japanese for any Japanese browser locale', () => {
    expect(detectLanguage(null, 'ja')).toBe('ja');
    expect(detectLanguage(null, 'ja-JP')).toBe('ja');
    expect(detectLanguage(undefined, 'JA-jp')).toBe('ja');
  });

  it('starts in English otherwise', () => {
    expect(detectLanguage(null, 'en-US')).toBe('en');
    expect(detectLanguage(null, 'zh-TW')).toBe('en');
    expect(detectLanguage(null, undefined)).toBe('en');
  });

  it('keeps the language the user picked', () => {
    expect(detectLanguage('en', 'ja-JP')).toBe('en');
    expect(detectLanguage('ja', 'en-US')).toBe('ja');
    expect(detectLanguage('fr', 'en-US')).toBe('en');
  });
});
