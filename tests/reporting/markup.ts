import MarkdownIt from 'markdown-it';
import { XMLValidator } from 'fast-xml-parser';

/**
 * Checks that text from the target stayed data in what the harness wrote: conformance.md rendered
 * by a real CommonMark/GFM renderer (markdown-it with raw HTML and linkify on, as permissive as
 * renderers get), files and console output scanned for terminal control bytes, junit.xml parsed.
 */

const md = new MarkdownIt({ html: true, linkify: true });

/** Headings the report itself writes; any other heading came from somewhere else. */
const OWN_HEADING =
  /^(Session revocation conformance report — |Why the run |Problems$|revoke_session — |Global Token Revocation — |(RS|GTR)-[A-Z]+-\d+$|[A-Z]+ — |Tests$|Tests outside the catalogue$|Baseline )/;

/** What went wrong when `markdown` is rendered: markup that formed from data. Empty when none did. */
export function markupProblems(markdown: string): string[] {
  const problems: string[] = [];
  const tokens = md.parse(markdown, {});
  let headerCells = 0;
  let cells = 0;
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const text = tokens[i + 1]?.content ?? '';
      if (!OWN_HEADING.test(text)) problems.push(`a heading formed: ${text}`);
    }
    if (token.type === 'html_block' || token.type === 'html_inline') problems.push(`raw HTML formed: ${token.content.trim()}`);
    if (token.type === 'tr_open') cells = 0;
    if (token.type === 'th_open') headerCells += 1;
    if (token.type === 'td_open') cells += 1;
    if (token.type === 'thead_open') headerCells = 0;
    if (token.type === 'tr_close' && cells > 0 && cells !== headerCells) problems.push(`a table row has ${cells} cells, its header ${headerCells}`);
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline') {
        // The report's own line breaks inside cells.
        if (child.content !== '<br>') problems.push(`raw HTML formed: ${child.content}`);
      }
      if (child.type === 'link_open') problems.push(`a link formed: ${child.attrGet('href') ?? ''}`);
      if (child.type === 'image') problems.push(`an image formed: ${child.attrGet('src') ?? ''}`);
    }
  });
  return problems;
}

/** Terminal control bytes (ESC, BEL, CSI, C1) and bidi overrides found in `text`, as readable names. */
export function controlCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)) {
    found.add(`U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}

/** `true` when `xml` is well-formed, else the parser's complaint. */
export function xmlWellFormed(xml: string): true | string {
  const result = XMLValidator.validate(xml);
  return result === true ? true : `${result.err.code} at line ${result.err.line}: ${result.err.msg}`;
}
