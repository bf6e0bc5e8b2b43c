import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../lib/index.ts';
import { attr, attributes, html } from './html.ts';

describe('html tagged template', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"onmouseover="x', '&quot;onmouseover=&quot;x'],
    ["it's & <b>", 'it&#39;s &amp; &lt;b&gt;'],
  ])('escapes %s', (input, expected) => {
    expect(html`<p title="${input}">${input}</p>`.value).toBe(`<p title="${expected}">${expected}</p>`);
    expect(escapeHtml(input)).toBe(expected);
  });

  it('keeps nested fragments and arrays as markup, escaping their own values', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('renders nothing for false, null and undefined, and numbers as text', () => {
    expect(html`${false}${null}${undefined}${0}${attr('checked', true)}${attr('disabled', false)}`.value).toBe('0checked');
  });
});

describe('attributes', () => {
  it('renders strings escaped, true as a bare attribute, and leaves false and undefined out', () => {
    expect(html`<input${attributes({ id: 'a', value: '"x"', required: true, readonly: false, accept: undefined })}>`.value).toBe(
      '<input id="a" value="&quot;x&quot;" required>',
    );
  });
});
