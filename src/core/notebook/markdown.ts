/**
 * A small Markdown renderer for markdown cells: headings, paragraphs, lists, block quotes,
 * rules, fenced code, inline code, emphasis and links. Every piece of text is escaped, raw HTML
 * is shown as text, and only http, https and mailto links become anchors, so the output is safe
 * to insert into a page or an exported file.
 */
import { escapeHtml } from './export/escape.ts';

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/** Renders Markdown source to an HTML fragment. */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  let index = 0;

  while (index < lines.length) {
    const line = lines[index]!;

    if (line.trim() === '') {
      index++;
      continue;
    }

    const fence = /^```\s*([\w+-]*)\s*$/.exec(line);
    if (fence !== null) {
      const body: string[] = [];
      index++;
      while (index < lines.length && !/^```\s*$/.test(lines[index]!)) body.push(lines[index++]!);
      index++;
      const language = fence[1] === '' ? '' : ` class="language-${escapeHtml(fence[1]!)}"`;
      blocks.push(`<pre><code${language}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }

    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const level = heading[1]!.length;
      blocks.push(`<h${level}>${renderInline(heading[2]!)}</h${level}>`);
      index++;
      continue;
    }

    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push('<hr>');
      index++;
      continue;
    }

    const list = /^\s*(?:[-*+]|(\d+)[.)])\s+/.exec(line);
    if (list !== null) {
      const ordered = list[1] !== undefined;
      const pattern = ordered ? /^\s*\d+[.)]\s+(.*)$/ : /^\s*[-*+]\s+(.*)$/;
      const items: string[] = [];
      while (index < lines.length && pattern.test(lines[index]!)) {
        items.push(`<li>${renderInline(pattern.exec(lines[index]!)![1]!)}</li>`);
        index++;
      }
      const tag = ordered ? 'ol' : 'ul';
      blocks.push(`<${tag}>${items.join('')}</${tag}>`);
      continue;
    }

    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (index < lines.length && lines[index]!.startsWith('>')) {
        quoted.push(lines[index]!.replace(/^>\s?/, ''));
        index++;
      }
      blocks.push(`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }

    const paragraph: string[] = [];
    while (index < lines.length && !startsBlock(lines[index]!)) paragraph.push(lines[index++]!);
    blocks.push(`<p>${renderInline(paragraph.join('\n'))}</p>`);
  }

  return blocks.join('\n');
}

function startsBlock(line: string): boolean {
  return (
    line.trim() === '' ||
    /^```/.test(line) ||
    /^#{1,6}\s/.test(line) ||
    /^\s*(?:[-*+]|\d+[.)])\s+/.test(line) ||
    line.startsWith('>')
  );
}

/** Renders inline Markdown: code spans first, so that their content is never formatted. */
export function renderInline(text: string): string {
  const parts = text.split(/(`[^`\n]+`)/);

  return parts
    .map((part, index) => {
      if (index % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return renderEmphasisAndLinks(escapeHtml(part));
    })
    .join('');
}

/**
 * Formats emphasis and links in already escaped text. The text contains no `<`, `>` or quotes
 * any more, so the tags added here are the only markup in the result.
 */
function renderEmphasisAndLinks(escaped: string): string {
  return escaped
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_match, label: string, url: string) => {
      if (!SAFE_LINK.test(url)) return `${label} (${url})`;
      return `<a href="${url}" rel="noopener noreferrer">${label}</a>`;
    })
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__([^_\n]+)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/\n/g, '<br>');
}
