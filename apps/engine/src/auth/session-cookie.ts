import { parse } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'kizuna_session';
const COOKIE_PATH = '/api';

export function sessionTokenOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/**
 * HttpOnly: page scripts (an injected one included) never read the token. SameSite=Strict: no
 * other site's page makes the browser send it. Secure whenever the engine is reached over https.
 * Only under /api: the editor's static files and the tracking links never carry it.
 */
export function setSessionCookie(response: Response, token: string, secure: boolean, maxAgeMs: number): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}
