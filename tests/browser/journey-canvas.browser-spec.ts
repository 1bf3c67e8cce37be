import type { Browser, Locator, Page } from 'playwright-core';
import {
  accessibilityViolations,
  launchChromium,
  openEditor,
  saveScreenshot,
  startFrameRecording,
  stopFrameRecording,
} from '../support/browser';
import {
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';

/**
 * The journey canvas in Chromium against the real engine: a marketer builds "trial set -> second
 * (full-size) purchase -> cross-sell" by drag and drop from an empty canvas, meets a validation
 * error and fixes it, publishes, and dry-runs it with counts on the edges; then a 300-node
 * journey is opened and a node dragged, with the timings logged (docs/benchmarks.md, "Editor").
 */
describe('journey canvas in Chromium', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let browser: Browser;
  let trialBuyers: number;

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    shop = await test.createWorkspace('canvas-shop');
    browser = await launchChromium();
    trialBuyers = await seedShop(test, shop);
  });

  afterAll(async () => {
    await browser.close();
    await test.stop();
  });

  it('builds trial -> 2nd purchase -> cross-sell by drag and drop, fixes an issue, publishes and dry-runs it', async () => {
    const { page, context, errors } = await openEditor(browser, test, shop, '/journeys', {
      language: 'en',
      viewport: { width: 1600, height: 1000 },
    });

    // A new journey from an empty canvas, through the list page's form.
    await page.getByLabel('Name').fill('Trial to cross-sell');
    await page.getByRole('button', { name: 'Create and open the canvas' }).click();
    await page.waitForURL(/\/journeys\/\d+$/);
    const journeyId = Number(/\/journeys\/(\d+)$/.exec(page.url())![1]);
    const pane = page.locator('.react-flow__pane');
    await pane.waitFor();

    // Every node from the palette by drag and drop, each at its own spot of the canvas.
    const drops: [string, number, number][] = [
      ['trigger.segment-entry', 120, 120],
      ['wait', 120, 300],
      ['send', 120, 480],
      ['branch', 420, 120],
      ['send', 420, 360],
      ['goal', 720, 120],
      ['exit', 720, 400],
    ];
    for (const [type, x, y] of drops) {
      const before = await page.locator('.react-flow__node').count();
      await page.dragAndDrop(`button[data-node-type="${type}"]`, '.react-flow__pane', { targetPosition: { x, y } });
      await eventually(() => page.locator('.react-flow__node').count(), before + 1);
    }
    const ids = ['trigger-segment-entry-1', 'wait-1', 'send-1', 'branch-1', 'send-2', 'goal-1', 'exit-1'];
    expect(
      await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id'))),
    ).toEqual(ids);

    // Laid out in one column (nothing is connected yet), so no card hides another's handles.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(400);

    // Connect the exits with the mouse, handle to handle.
    await connect(page, 'trigger-segment-entry-1', 'next', 'wait-1');
    await connect(page, 'wait-1', 'next', 'send-1');
    await connect(page, 'send-1', 'next', 'branch-1');
    await connect(page, 'branch-1', 'condition-1', 'send-2');
    await connect(page, 'branch-1', 'else', 'exit-1');
    await connect(page, 'send-2', 'next', 'goal-1');
    await eventually(() => page.locator('.react-flow__edge').count(), 6);
    // The branch's exits are labelled on the card.
    await eventually(
      () => node(page, 'branch-1').locator('.journey-node__exit-label').allTextContents(),
      ['condition-1', 'Else'],
    );

    // The first message has no template yet: the card and the list say so, and publishing is refused.
    await eventually(() => node(page, 'send-1').locator('.journey-node__issues').count(), 1);
    // Both messages lack a template so far.
    await eventually(() => page.locator('[data-issue-code="send-without-template"]').count(), 2);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const refused = page.getByRole('alertdialog', { name: 'Cannot publish' });
    await refused.waitFor();
    expect(await refused.getByTestId('publish-refused-issues').textContent()).toContain('send-1');
    await refused.getByRole('button', { name: 'Close' }).click();

    // Configure each node in the side panel.
    await select(page, 'trigger-segment-entry-1');
    await page.getByLabel('Segment', { exact: true }).selectOption(String(trialBuyers));
    await select(page, 'wait-1');
    await page.getByLabel('Length').fill('3');
    await select(page, 'send-1');
    await page.getByLabel('Label', { exact: true }).fill('How to use the trial set');
    await page.getByLabel('Template').selectOption('trial-followup');
    await eventually(() => node(page, 'send-1').locator('.journey-node__issues').count(), 0);
    await select(page, 'branch-1');
    await page.getByLabel('Exit name').fill('Bought full size');
    // The segments pages' rule builder shows the starter rule; this test writes its rule as JSON.
    await page.locator('.journey-form .rule-builder').waitFor();
    await page.getByLabel('Edit the rule as JSON').check();
    await page.getByLabel('Segment rule (JSON)').fill(JSON.stringify(SECOND_PURCHASE_RULE));
    await select(page, 'send-2');
    await page.getByLabel('Template').selectOption('cross-sell');
    await select(page, 'goal-1');
    await page.getByLabel('Goal name').fill('Cross-sell purchase');
    await page.getByLabel('Within (days from entry)').fill('30');
    await eventually(
      () => node(page, 'branch-1').locator('.journey-node__exit-label').allTextContents(),
      ['Bought full size', 'Else'],
    );
    await eventually(() => page.locator('.journey-issues-panel__ok').count(), 1);
    await page.getByRole('button', { name: 'Auto-layout' }).click();

    // Publish: saved first, then confirmed with what the first version holds.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Publish as version 1' });
    await confirm.waitFor();
    expect(await confirm.getByTestId('publish-changes').textContent()).toBe('7 nodes, 6 connections');
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 1 published').waitFor();
    await page.getByText('Version 1 is live').waitFor();
    const saved = (await (await test.api(shop, `/api/v1/journeys/${journeyId}`)).json()) as {
      status: string;
      issues: unknown[];
      draft: { nodes: { id: string; config: Record<string, unknown> }[] };
    };
    expect([saved.status, saved.issues]).toEqual(['active', []]);
    expect(saved.draft.nodes.find((n) => n.id === 'wait-1')!.config).toEqual({
      mode: 'duration',
      duration: { amount: 3, unit: 'days' },
    });

    // Dry run over the workspace: six trial buyers, four of whom came back for a full-size product.
    await page.getByRole('button', { name: 'Run dry run' }).click();
    await page.getByTestId('dry-run-result').getByText('Tried with 6 customers').waitFor();
    const counts = await page
      .locator('[data-edge-count]')
      .evaluateAll((labels) =>
        Object.fromEntries(labels.map((label) => [label.getAttribute('data-edge-count'), label.textContent])),
      );
    expect(counts).toEqual({
      'trigger-segment-entry-1.next-wait-1': '6 customers',
      'wait-1.next-send-1': '6 customers',
      'send-1.next-branch-1': '6 customers',
      'branch-1.condition-1-send-2': '4 customers',
      'branch-1.else-exit-1': '2 customers',
      'send-2.next-goal-1': '4 customers',
    });

    // Delete, undo and redo from the keyboard; copy and paste a node.
    const nodeCount = () => page.locator('.react-flow__node').count();
    const edgeCount = () => page.locator('.react-flow__edge').count();
    await select(page, 'exit-1');
    await page.keyboard.press('Delete');
    await eventually(async () => [await nodeCount(), await edgeCount()], [6, 5]);
    await page.keyboard.press('Control+z');
    await eventually(async () => [await nodeCount(), await edgeCount()], [7, 6]);
    await page.keyboard.press('Control+Shift+z');
    await eventually(async () => [await nodeCount(), await edgeCount()], [6, 5]);
    await page.keyboard.press('Control+z');
    await eventually(async () => [await nodeCount(), await edgeCount()], [7, 6]);
    await select(page, 'send-2');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node(page, 'send-3').waitFor();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await eventually(nodeCount, 7);

    await page.locator('[data-save-status="saved"]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'journey-canvas');

    // Leaving right after an edit (before autosave's delay): the guard saves first, then goes.
    await select(page, 'goal-1');
    await page.getByLabel('Label', { exact: true }).fill('Bought again');
    await page.getByRole('link', { name: '← Back to journeys' }).click();
    await page.waitForURL(/\/journeys$/);
    const left = (await (await test.api(shop, `/api/v1/journeys/${journeyId}`)).json()) as {
      draft: { nodes: { id: string; label?: string }[] };
    };
    expect(left.draft.nodes.find((n) => n.id === 'goal-1')!.label).toBe('Bought again');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a 300-node journey quickly and drags a node smoothly (figures for docs/benchmarks.md)', async () => {
    const response = await test.api(shop, '/api/v1/journeys', {
      method: 'POST',
      json: { name: 'Three hundred steps', graph: bigJourney(300) },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    const { page, context, errors } = await openEditor(browser, test, shop, '/journeys', { language: 'en' });
    await page.getByRole('table').waitFor();

    // From the navigation's start (a full page load: app, chunks, the journey from the API) to the
    // frame in which all 300 cards are in the page, by the page's own clock.
    await page.goto(`/journeys/${id}`);
    // waitForFunction resolves on the first truthy value: the time, once all cards are there.
    const openMs = Number(
      await (
        await page.waitForFunction(() =>
          document.querySelectorAll('.react-flow__node .journey-node').length === 300 ? performance.now() : false,
        )
      ).jsonValue(),
    );
    const domReadyMs = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    );

    // The frame rate of this machine with the canvas at rest, to read the drag's figures against.
    await startFrameRecording(page);
    await page.waitForTimeout(1_000);
    const idle = await stopFrameRecording(page);

    const target = page.locator('.react-flow__node[data-id="step-150"]');
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await startFrameRecording(page);
    for (let step = 1; step <= 90; step++) {
      await page.mouse.move(box.x + box.width / 2 + step * 3, box.y + box.height / 2 + step);
    }
    const frames = await stopFrameRecording(page);
    await page.mouse.up();
    await page.locator('[data-save-status="saved"]').waitFor();
    console.log(
      `300-node journey: opened in ${Math.round(openMs)} ms (DOMContentLoaded ${Math.round(domReadyMs)} ms); drag ${frames.frames} frames, mean ${frames.meanMs.toFixed(1)} ms, ` +
        `p95 ${frames.p95Ms.toFixed(1)} ms, max ${frames.maxMs.toFixed(1)} ms; at rest mean ${idle.meanMs.toFixed(1)} ms, ` +
        `p95 ${idle.p95Ms.toFixed(1)} ms`,
    );
    // No timing bounds here (a loaded machine would flake them): the figures are measured on a quiet
    // machine and recorded in docs/benchmarks.md. The test holds that the canvas opens and drags.
    expect(frames.frames).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Reads until the value is `expected` (the page updates on its own time), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  expect(value).toEqual(expected);
}

const SECOND_PURCHASE_RULE = {
  version: 1,
  root: {
    type: 'group',
    combinator: 'and',
    rules: [{ type: 'purchase', measure: 'count', operator: 'gte', value: 1, filter: { trial: false } }],
  },
};

function node(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Clicks a card by its title (not a handle), which opens its form in the side panel. */
async function select(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.journey-node__title').click();
  await page.locator('.journey-form__id code', { hasText: id }).waitFor();
}

/** Drags from a node's exit handle to another node's input handle with the mouse, as a marketer does. */
async function connect(page: Page, source: string, exit: string, target: string): Promise<void> {
  const from = (await node(page, source).locator(`.react-flow__handle.source[data-handleid="${exit}"]`).boundingBox())!;
  const to = (await node(page, target).locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.getByTestId(`rf__edge-${source}.${exit}-${target}`).waitFor();
}

/**
 * Six customers who bought the trial set; four of them later bought a full-size product. Two email
 * templates, and the segment of trial buyers the journey starts from.
 */
async function seedShop(test: TestEngine, shop: TestWorkspace): Promise<number> {
  const products = [
    'sku,name,series,category,price,is_trial',
    'TRIAL-01,うるおいトライアルセット,うるおい,スキンケア,1980,true',
    'FULL-01,うるおいローション,うるおい,スキンケア,4800,false',
  ].join('\n');
  const lines = ['order_id,email,ordered_at,sku,quantity,unit_price'];
  for (let n = 1; n <= 6; n++) {
    lines.push(`T${n},c${n}@example.jp,2026-10-0${n}T10:00:00+09:00,TRIAL-01,1,1980`);
    if (n <= 4) lines.push(`F${n},c${n}@example.jp,2026-11-0${n}T10:00:00+09:00,FULL-01,1,4800`);
  }
  for (const [kind, csv] of [
    ['products', products],
    ['orders', lines.join('\n')],
  ] as const) {
    const upload = await uploadImport(test, shop, { kind }, csv);
    expect(upload.status).toBe(202);
    const job = await waitForImport(test, shop, ((await upload.json()) as { id: number }).id);
    expect(job.status).toBe('succeeded');
  }
  for (const [key, subject] of [
    ['trial-followup', 'トライアルセットの使い方'],
    ['cross-sell', 'うるおいラインのおすすめ'],
  ] as const) {
    const put = await test.api(shop, `/api/v1/templates/email/${key}`, {
      method: 'PUT',
      json: {
        name: subject,
        content: { channel: 'email', subject, html: `<p>{{ customer.fullName }} 様</p><p>${subject}</p>` },
      },
    });
    expect(put.status).toBe(200);
  }
  const segment = await test.api(shop, '/api/v1/segments', {
    method: 'POST',
    json: {
      name: 'Trial buyers',
      definition: {
        version: 1,
        root: {
          type: 'group',
          combinator: 'and',
          rules: [{ type: 'purchase', measure: 'count', operator: 'gte', value: 1, filter: { trial: true } }],
        },
      },
    },
  });
  expect(segment.status).toBe(201);
  return ((await segment.json()) as { id: number }).id;
}

/** A chain of `size` nodes (an event trigger, then waits and sends by turns) on a grid, as saved by the canvas. */
function bigJourney(size: number) {
  const nodes = Array.from({ length: size }, (_, i) => ({
    id: i === 0 ? 'start' : `step-${i}`,
    type: i === 0 ? 'trigger.event' : i % 2 === 1 ? 'wait' : 'update',
    position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 160 },
    config:
      i === 0
        ? { eventName: 'signup', filters: [] }
        : i % 2 === 1
          ? { mode: 'duration', duration: { amount: 1, unit: 'days' } }
          : { action: 'add-tag', tag: `step-${i}` },
  }));
  const edges = nodes.slice(1).map((target, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: target.id }));
  return { version: 1, nodes, edges };
}
