/**
 * Text that people or the directory wrote (names, a typed question, a place, team and
 * department names, topics), made inert for a Markdown TextBlock: Teams renders TextBlock
 * text as Markdown, so a display name like `[Log in](https://…)` would become a link on a
 * colleague's card. Backslash escapes are CommonMark's way to show a character as itself.
 *
 * - Line breaks and other white space become one space: these values are one line, and a
 *   line break would let the rest start a list, a heading or a quote.
 * - Characters that open emphasis, links and images (`[`, `]`), code and HTML (`<at>` mentions
 *   included) are always escaped. Without an unescaped `[` no link or image can form, so
 *   `(`, `)` and `!` ("Help!", "(kantine)") stay as typed.
 * - Characters that only mean something at the start of a line (`#`, `-`, `+`, `>`, `=`, and a
 *   number followed by `.` or `)`) are escaped there: the value may be put at a line's start.
 *   In the middle of a value ("Jan-Willem", "J. de Vries") they stay as they are.
 *
 * Plain-text places (button titles, choices, RichTextBlock TextRuns) need no escaping.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>~]/g, '\\$&')
    .replace(/^[#+\-=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
