import { describe, expect, it } from 'vitest';

import { renderMarkdown } from '../../../src/core/notebook/index.ts';

describe('renderMarkdown', () => {
  it('renders headings and emphasis', () => {
    expect(renderMarkdown('# Loop **cost** and *why*')).toBe(
      '<h1>Loop <strong>cost</strong> and <em>why</em></h1>',
    );
  });

  it('escapes raw HTML as text', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> and </script><script>x()</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps code spans unformatted', () => {
    expect(renderMarkdown('run `a **b** <c>`')).toBe('<p>run <code>a **b** &lt;c&gt;</code></p>');
  });

  it('renders fenced code escaped', () => {
    expect(renderMarkdown('```diff\n+<b>\n```')).toBe(
      '<pre><code class="language-diff">+&lt;b&gt;</code></pre>',
    );
  });

  it('turns only safe links into anchors', () => {
    expect(renderMarkdown('[doc](https://example.org/a)')).toBe(
      '<p><a href="https://example.org/a" rel="noopener noreferrer">doc</a></p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a ');
  });

  it('renders ordered and unordered lists', () => {
    expect(renderMarkdown('- a\n- b\n\n1. c\n2. d')).toBe(
      '<ul><li>a</li><li>b</li></ul>\n<ol><li>c</li><li>d</li></ol>',
    );
  });

  it('renders a quote around a paragraph', () => {
    expect(renderMarkdown('> quoted')).toBe('<blockquote><p>quoted</p></blockquote>');
  });

  it('leaves underscores inside words alone', () => {
    expect(renderMarkdown('window.__pwned=1 and snake_case_name')).toBe(
      '<p>window.__pwned=1 and snake_case_name</p>',
    );
  });
});
