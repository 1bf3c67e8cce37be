import { isGsm7Character, smsSegments } from './sms-segments';

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

describe('smsSegments', () => {
  it('counts the GSM-7 basic set (3GPP TS 23.038, 127 characters without ESC) one septet each', () => {
    expect(GSM7_BASIC.length).toBe(127);
    expect(smsSegments(GSM7_BASIC)).toEqual({ encoding: 'GSM-7', units: 127, segments: 1 });
    expect(smsSegments('Hello')).toEqual({ encoding: 'GSM-7', units: 5, segments: 1 });
    expect(smsSegments('\r\n')).toEqual({ encoding: 'GSM-7', units: 2, segments: 1 });
  });

  it('counts the extension table two septets each', () => {
    expect(smsSegments('\f^{}\\[~]|€')).toEqual({ encoding: 'GSM-7', units: 20, segments: 1 });
    expect(smsSegments('{x}')).toEqual({ encoding: 'GSM-7', units: 5, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, segments: 2 });
  });

  it('sends 160 septets as one part, then 153 a part', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    expect(smsSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', units: 307, segments: 3 });
    expect(smsSegments('a'.repeat(1530))).toEqual({ encoding: 'GSM-7', units: 1530, segments: 10 });
    expect(smsSegments('a'.repeat(1531))).toEqual({ encoding: 'GSM-7', units: 1531, segments: 11 });
  });

  it('never cuts an escape pair across two parts', () => {
    // 152 + 2 + 152 = 306 septets, but the € does not fit in the first part's last septet.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({
      encoding: 'GSM-7',
      units: 306,
      segments: 3,
    });
  });

  it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
    expect(smsSegments('こんにちは')).toEqual({ encoding: 'UCS-2', units: 5, segments: 1 });
    expect(smsSegments('Hello 世界')).toEqual({ encoding: 'UCS-2', units: 8, segments: 1 });
    // ê is not in GSM-7 (é is): 101 characters in UCS-2 are two parts.
    expect(smsSegments(`${'a'.repeat(100)}ê`)).toEqual({ encoding: 'UCS-2', units: 101, segments: 2 });
    expect(smsSegments('`')).toEqual({ encoding: 'UCS-2', units: 1, segments: 1 });
    expect(smsSegments('ＡＢＣ')).toEqual({ encoding: 'UCS-2', units: 3, segments: 1 });
  });

  it('sends 70 UCS-2 units as one part, then 67 a part', () => {
    expect(smsSegments('あ'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('あ'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(smsSegments('あ'.repeat(134))).toEqual({ encoding: 'UCS-2', units: 134, segments: 2 });
    expect(smsSegments('あ'.repeat(135))).toEqual({ encoding: 'UCS-2', units: 135, segments: 3 });
    expect(smsSegments('あ'.repeat(670))).toEqual({ encoding: 'UCS-2', units: 670, segments: 10 });
    expect(smsSegments('あ'.repeat(671))).toEqual({ encoding: 'UCS-2', units: 671, segments: 11 });
  });

  it('counts a character outside the BMP as two units and never cuts its surrogate pair', () => {
    expect(smsSegments('👍')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsSegments('👍'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    // 33 emoji (66 units) fill a part: 36 are two parts.
    expect(smsSegments('👍'.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
    expect(smsSegments(`${'あ'.repeat(66)}👍${'あ'.repeat(66)}`)).toEqual({
      encoding: 'UCS-2',
      units: 134,
      segments: 3,
    });
  });

  it('has no parts for an empty body', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0 });
  });

  it('knows GSM-7 characters one by one', () => {
    expect(['@', 'Δ', '€', '{', 'é'].map(isGsm7Character)).toEqual([true, true, true, true, true]);
    expect(['ê', '`', 'あ', '👍', '\t'].map(isGsm7Character)).toEqual([false, false, false, false, false]);
  });
});
