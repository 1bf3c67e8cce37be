import { checkTemplateSyntax, renderTemplate, TemplateSyntaxError, withFallbacks } from './render-template';

describe('templates', () => {
  it('prints fallbacks for missing or empty values, and nothing (never "undefined") for unknown ones', () => {
    const data = withFallbacks(
      { customer: { fullName: '', city: null } },
      { 'customer.fullName': 'お客', 'coupon.code': 'なし' },
    );
    expect(renderTemplate('{{ customer.fullName }} 様 {{ coupon.code }} {{ customer.nickname }}|', data)).toBe(
      'お客 様 なし |',
    );
  });

  it('escapes printed values in HTML, not in text', () => {
    const data = { customer: { fullName: '<script>alert(1)</script>' } };
    expect(renderTemplate('<p>{{ customer.fullName }}</p>', data, 'html')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(renderTemplate('{{ customer.fullName }}', data)).toBe('<script>alert(1)</script>');
  });

  it('reaches neither files nor prototypes, and stops runaway loops', () => {
    expect(() => renderTemplate("{% include '/etc/passwd' %}", {})).toThrow();
    expect(renderTemplate('{{ customer.constructor }}{{ customer.__proto__ }}', { customer: {} })).toBe('');
    expect(() => renderTemplate('{% for i in (1..100000000) %}x{% endfor %}', {})).toThrow();
  });

  it('reports a syntax error with the field it is in', () => {
    expect(() => checkTemplateSyntax('{% if x %}', 'html')).toThrow(TemplateSyntaxError);
    expect(() => checkTemplateSyntax('{% if x %}', 'html')).toThrow(/^html: /);
  });
});
