import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { Requires } from '../auth/requires.decorator';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { RateLimited } from '../infrastructure/http/rate-limits';
import { CurrentSession } from './current-session.decorator';
import { PASSWORD_MAX_LENGTH } from './password-hashing';
import { SESSION_LIFETIME_MS, SessionService, type SessionAuth } from './session.service';

const SignInBody = z
  .object({
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    /** A workspace slug; default: the account's first workspace. */
    workspace: z.string().trim().min(1).max(63).optional(),
  })
  .strict();

const SwitchWorkspaceBody = z.object({ workspace: z.string().trim().min(1).max(63) }).strict();

const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(1_000) })
  .strict();

/** Editor sign-in: a session cookie for people. Machines use API keys (Authorization: Bearer). */
@ApiTags('Session')
@Controller('v1/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** Sets the session cookie; the answer holds the CSRF token to send with every change. */
  @Post()
  @Public()
  @RateLimited('sign-in')
  @HttpCode(200)
  async signIn(
    @Body({ schema: SignInBody }) body: z.infer<typeof SignInBody>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { token, view } = await this.sessions.signIn(body);
    setSessionCookie(response, token, this.secure(request), SESSION_LIFETIME_MS);
    return view;
  }

  @Get()
  @Requires('workspace.read')
  describe(@CurrentSession() session: SessionAuth) {
    return this.sessions.describe(session);
  }

  @Delete()
  @Requires('workspace.read')
  @HttpCode(204)
  async signOut(
    @CurrentSession() session: SessionAuth,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.signOut(session);
    clearSessionCookie(response, this.secure(request));
  }

  @Put('workspace')
  @Requires('workspace.read')
  switchWorkspace(
    @CurrentSession() session: SessionAuth,
    @Body({ schema: SwitchWorkspaceBody }) body: z.infer<typeof SwitchWorkspaceBody>,
  ) {
    return this.sessions.switchWorkspace(session, body.workspace);
  }

  /** Other sessions of the account end; this one stays. */
  @Post('password')
  @Requires('workspace.read')
  @HttpCode(204)
  async changePassword(
    @CurrentSession() session: SessionAuth,
    @Body({ schema: ChangePasswordBody }) body: z.infer<typeof ChangePasswordBody>,
  ): Promise<void> {
    await this.sessions.changePassword(session, body.currentPassword, body.newPassword);
  }

  private secure(request: Request): boolean {
    return request.secure || (this.config.KIZUNA_PUBLIC_URL?.startsWith('https:') ?? false);
  }
}
