/**
 * What an inbound SMS asks for. Twilio's default opt-out keywords (STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT) and opt-in keywords (START, UNSTOP), plus the Japanese words customers here
 * type (停止, 配信停止; 再開). Like Twilio, only a body that is exactly the keyword counts ("stop
 * the spam" is a reply), after NFKC (full-width ＳＴＯＰ is STOP), trimming and ignoring case.
 * Twilio's YES also opts in; it is left out on purpose: it answers too many other questions.
 */
export type SmsReplyIntent = 'opt-out' | 'opt-in' | 'message';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', '停止', '配信停止']);
const OPT_IN = new Set(['START', 'UNSTOP', '再開']);

export function classifySmsReply(body: string): SmsReplyIntent {
  const word = body.normalize('NFKC').trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  return 'message';
}
