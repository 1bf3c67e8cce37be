import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceRole } from '@kizuna/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestEngine, TestUser, TestWorkspace } from './test-engine';

/** Debian's Chromium (`apt-get install -y chromium`); KIZUNA_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.KIZUNA_CHROMIUM ?? '/usr/bin/chromium';

const SCREENSHOT_DIR = path.resolve(__dirname, '../../docs/screenshots');

/**
 * Headless Chromium as this machine needs it: no sandbox as root, and no background networking
 * (the closed network refuses Google's hosts, many connections at a time, and slows every start).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface EditorPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors of the page: a test fails when any is left. */
  errors: string[];
  /** Who the page is signed in as (null with `signedIn: false`). */
  user: TestUser | null;
}

export interface OpenEditorOptions {
  language?: 'ja' | 'en';
  viewport?: { width: number; height: number };
  /** The computer's timezone (Asia/Tokyo unless a test shows the workspace's zone wins over it). */
  timezoneId?: string;
  /** The role of the member signed in (admin unless given); one account per workspace and role is reused. */
  role?: WorkspaceRole;
  /** Sign in as this account instead (a member of the workspace). */
  user?: TestUser;
  /** False: no session, the page shows the sign-in form. */
  signedIn?: boolean;
}

/** One account per engine, workspace and role, made on first use: sign-in hashes, account creation hashes again. */
const members = new WeakMap<TestEngine, Map<string, Promise<TestUser>>>();

export function workspaceMember(test: TestEngine, workspace: TestWorkspace, role: WorkspaceRole): Promise<TestUser> {
  let byWorkspace = members.get(test);
  if (!byWorkspace) members.set(test, (byWorkspace = new Map()));
  const key = `${workspace.slug}:${role}`;
  let member = byWorkspace.get(key);
  if (!member) byWorkspace.set(key, (member = test.createUser(workspace, role)));
  return member;
}

/**
 * A fresh browser context on the engine's editor, signed in as a member of the workspace (through
 * POST /api/v1/session, its HttpOnly cookie put in the context as the browser would keep it) and in
 * the given UI language (the browser's preferred language).
 */
export async function openEditor(
  browser: Browser,
  test: TestEngine,
  workspace: TestWorkspace,
  route = '/',
  options: OpenEditorOptions = {},
): Promise<EditorPage> {
  const context = await browser.newContext({
    baseURL: test.url,
    locale: options.language === 'ja' ? 'ja-JP' : 'en-US',
    timezoneId: options.timezoneId ?? 'Asia/Tokyo',
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  let user: TestUser | null = null;
  if (options.signedIn !== false) {
    user = options.user ?? (await workspaceMember(test, workspace, options.role ?? 'admin'));
    const session = await test.signIn(user, workspace);
    await context.addCookies([
      {
        name: 'kizuna_session',
        value: session.token,
        domain: new URL(test.url).hostname,
        path: '/api',
        httpOnly: true,
        secure: false,
        sameSite: 'Strict',
      },
    ]);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx the page handles (an analysis not computed yet, a rejected form) is logged by Chromium as
    // "Failed to load resource"; server faults are caught below with their address instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`server error: ${response.status()} ${response.url()}`);
  });
  await page.goto(route);
  return { context, page, errors, user };
}

/** Accessibility violations (WCAG 2.1 A and AA rules of axe-core) of the page as it is now. */
export async function accessibilityViolations(
  page: Page,
  options: { exclude?: string[] } = {},
): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/**
 * Screenshots for the user guide, written to docs/screenshots/<name>.png only when
 * KIZUNA_SCREENSHOTS=1, so an ordinary test run leaves the working tree unchanged.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.KIZUNA_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

export interface FrameTimes {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Starts recording the time between animation frames in the page (stop with stopFrameRecording). */
export async function startFrameRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { intervals: [] as number[], last: performance.now(), running: true };
    (globalThis as unknown as { __kizunaFrames: typeof state }).__kizunaFrames = state;
    const tick = (now: number) => {
      if (!state.running) return;
      state.intervals.push(now - state.last);
      state.last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export async function stopFrameRecording(page: Page): Promise<FrameTimes> {
  const intervals = await page.evaluate(() => {
    const state = (globalThis as unknown as { __kizunaFrames: { intervals: number[]; running: boolean } })
      .__kizunaFrames;
    state.running = false;
    return state.intervals;
  });
  // The first interval spans the set-up, not a frame.
  const frames = intervals.slice(1).sort((a, b) => a - b);
  if (frames.length === 0) return { frames: 0, meanMs: 0, p95Ms: 0, maxMs: 0 };
  const sum = frames.reduce((total, value) => total + value, 0);
  return {
    frames: frames.length,
    meanMs: sum / frames.length,
    p95Ms: frames[Math.min(frames.length - 1, Math.floor(frames.length * 0.95))]!,
    maxMs: frames[frames.length - 1]!,
  };
}
