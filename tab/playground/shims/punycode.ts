/**
 * markdown-it 13 requires Node's built-in `punycode` to normalise link host names; a
 * browser has no such module. The URL parser does the same encoding, so use it.
 */
export function toASCII(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain;
  }
}

/** Shown link text keeps the ASCII form; only international domain names look different. */
export function toUnicode(domain: string): string {
  return domain;
}

export default { toASCII, toUnicode };
