import { Liquid, type Template } from 'liquidjs';

/**
 * Liquid, locked down for marketers' templates: no file system (no include, render or layout of
 * files), only own properties of the data (no prototype walking), and limits on parse size, render
 * time and memory, so a template can neither reach the server nor stall a worker. HTML output
 * escapes every printed value: a customer named `<script>` is printed, not run.
 */
const LIMITS = { parseLimit: 1_000_000, renderLimit: 1_000, memoryLimit: 10_000_000 } as const;

const engines = {
  text: new Liquid({ templates: {}, ownPropertyOnly: true, strictFilters: true, cache: 500, ...LIMITS }),
  html: new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    cache: 500,
    outputEscape: 'escape',
    ...LIMITS,
  }),
};

export type TemplateMode = keyof typeof engines;

export class TemplateSyntaxError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Parses a template once to report a syntax error where it is saved, not where it is sent. */
export function checkTemplateSyntax(source: string, field: string, mode: TemplateMode = 'text'): void {
  try {
    engines[mode].parse(source);
  } catch (error) {
    throw new TemplateSyntaxError(field, (error as Error).message);
  }
}

const parsed = new Map<string, Template[]>();

function parse(source: string, mode: TemplateMode): Template[] {
  const key = `${mode}\u0000${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = engines[mode].parse(source);
    if (parsed.size > 2_000) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

/** Renders a template; missing variables print their fallback (see `withFallbacks`) or nothing. */
export function renderTemplate(source: string, data: object, mode: TemplateMode = 'text'): string {
  return engines[mode].renderSync(parse(source, mode), data) as string;
}

/** Keys that lead out of the data into its prototypes; stored templates refuse them (template-content.schema.ts). */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The data with each fallback set where the value is missing or empty: `customer.givenName`
 * falls back to "お客" when the customer has no given name.
 */
export function withFallbacks<T extends object>(data: T, fallbacks: Record<string, string>): T {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const [path, fallback] of Object.entries(fallbacks)) {
    const keys = path.split('.');
    // `__proto__.x` would walk into Object.prototype and set x on every object of the process.
    if (keys.some((key) => UNSAFE_KEYS.has(key))) continue;
    let node: Record<string, unknown> = copy;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    const value = node[last];
    if (value === undefined || value === null || value === '') node[last] = fallback;
  }
  return copy as T;
}
