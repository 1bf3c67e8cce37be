import fc from 'fast-check';
import { checkTemplateSyntax, renderTemplate, TemplateSyntaxError, withFallbacks } from './render-template';
import { TemplateContentSchema } from './template-content.schema';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

/** Liquid's own tokens and the engine's variables, shuffled into sources that are often almost right. */
const token = fc.oneof(
  fc.constantFrom(
    '{{',
    '}}',
    '{%',
    '%}',
    '{{-',
    '-}}',
    ' ',
    'customer.givenName',
    'customer.familyName',
    'coupon.code',
    'links.unsubscribe',
    'customer',
    '.',
    '|',
    ' upcase',
    ' default: "お客"',
    ' divided_by: 0',
    ' date: "%Y年%m月"',
    ' truncate: -1',
    ' nosuchfilter',
    'if ',
    'elsif',
    'else',
    'endif',
    'for x in (1..100000000)',
    'endfor',
    'raw',
    'endraw',
    'comment',
    'endcomment',
    'include "x"',
    'render "/etc/passwd"',
    'layout "x"',
    'assign a = "x"',
    'capture c',
    'endcapture',
    'case',
    'when',
    '"',
    "'",
    'constructor',
    '__proto__',
    'prototype',
    '様',
    '\n',
    '<script>',
    '&amp;',
  ),
  fc.string({ maxLength: 6 }),
);
const source = fc.array(token, { maxLength: 24 }).map((parts) => parts.join(''));

const customerData = fc.record({
  customer: fc.record({
    givenName: fc.oneof(fc.string({ maxLength: 20, unit: 'grapheme' }), fc.constant(undefined), fc.constant(null)),
    familyName: fc.string({ maxLength: 20 }),
  }),
  coupon: fc.record({ code: fc.string({ maxLength: 12 }) }),
  links: fc.record({ unsubscribe: fc.webUrl() }),
});

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe('templates under random input (fast-check)', () => {
  afterEach(() => {
    // A template must never reach the engine's objects: nothing may appear on Object.prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('either accepts a source or names the field in a syntax error; an accepted source renders without throwing', () => {
    fc.assert(
      fc.property(source, fc.constantFrom<'text' | 'html'>('text', 'html'), customerData, (text, mode, data) => {
        try {
          checkTemplateSyntax(text, 'messages.0.text', mode);
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateSyntaxError);
          expect((error as TemplateSyntaxError).message.startsWith('messages.0.text: ')).toBe(true);
          return;
        }
        // Render-time errors (a loop over the render limit, an unknown filter argument) are errors too, never a crash.
        try {
          expect(typeof renderTemplate(text, data, mode)).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('prints any customer value escaped in HTML mode and as written in text mode', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (givenName) => {
        const data = { customer: { givenName } };
        expect(renderTemplate('{{ customer.givenName }}様', data, 'html')).toBe(`${escapeHtml(givenName)}様`);
        expect(renderTemplate('{{ customer.givenName }}様', data, 'text')).toBe(`${givenName}様`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('fills fallbacks into a copy of the data only, whatever the variable paths', () => {
    const segment = fc.constantFrom('customer', 'givenName', '__proto__', 'constructor', 'prototype', 'coupon', 'x');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(
        fc.dictionary(path, fc.string({ maxLength: 10 }), { maxKeys: 4 }),
        customerData,
        (fallbacks, data) => {
          const before = JSON.stringify(data);
          const parsed = TemplateContentSchema.safeParse({ channel: 'sms', body: 'x', fallbacks });
          if (parsed.success) {
            const filled = withFallbacks(data, parsed.data.fallbacks);
            expect(typeof renderTemplate('{{ customer.givenName }}', filled)).toBe('string');
          } else {
            expect(parsed.error.issues.every((issue) => issue.path[0] === 'fallbacks')).toBe(true);
          }
          expect(JSON.stringify(data)).toBe(before);
          expect(Object.keys(Object.prototype)).toEqual([]);
          expect(({} as Record<string, unknown>).givenName).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('answers any JSON value with schema issues, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (input) => {
        const parsed = TemplateContentSchema.safeParse(input);
        if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
