import type { Page } from 'playwright-core';

const AXE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** What a look at one screen found wrong, each a sentence naming the element. */
export interface ScreenProblems {
  overflow: string[];
  clipped: string[];
  overlapping: string[];
  axe: AxeViolation[];
}

/**
 * Layout checks, run in the page: nothing sticks out of the viewport (except inside a
 * scrollable region, which a person can scroll), no button or link is cut off by its own
 * box or a clipping ancestor, and no two interactive elements cover each other.
 * Visually hidden helpers (a skip link parked off-screen, a 1-pixel live region) are left alone.
 */
export async function layoutProblems(page: Page, within?: string): Promise<Omit<ScreenProblems, 'axe'>> {
  // The test runner's compiler names inner functions with a helper the page does not have.
  await page.evaluate('window.__name = window.__name || ((f) => f)');
  return page.evaluate((within) => {
    const vw = document.documentElement.clientWidth;
    // Within parts (the chat's cards): a scrolling transcript slides them under the page's header by design.
    const roots: Element[] = within ? Array.from(document.querySelectorAll(within)) : [document.body];
    const all = (selector: string) => roots.flatMap((r) => Array.from(r.querySelectorAll(selector)));
    const rootOf = (el: Element) => roots.find((r) => r.contains(el)) ?? document.body;
    const describe = (el: Element) => {
      const text = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      return `<${el.tagName.toLowerCase()}${id}${testId ? ` data-testid=${testId}` : ''}> "${text}"`;
    };
    const shown = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1;
    };
    /** Scrolls sideways itself: what lies inside may be wider than the screen. */
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
    };
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
      return false;
    };
    /** Off-screen on purpose (a skip link before focus) or clipped to nothing (a live region). */
    const parked = (r: DOMRect) => r.right <= 0 || r.left >= vw;

    const overflow: string[] = [];
    if (document.documentElement.scrollWidth > vw + 1)
      overflow.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport`);
    for (const el of all('*')) {
      if (!shown(el) || inScroller(el)) continue;
      const r = el.getBoundingClientRect();
      if (parked(r)) continue;
      if (r.right > vw + 1 || r.left < -1) {
        overflow.push(`${describe(el)} runs from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
        if (overflow.length > 8) break;
      }
    }

    const interactive = all(
      'a[href], button, select, textarea, input:not([type=hidden]), [role=button], [role=switch], [role=radio], [role=checkbox], [role=link]',
    ).filter(shown);

    const clipped: string[] = [];
    for (const el of interactive) {
      const r = el.getBoundingClientRect();
      if (parked(r)) continue;
      const s = getComputedStyle(el);
      if (el.tagName !== 'SELECT' && s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        clipped.push(`${describe(el)}: its text is ${el.scrollWidth} px in a ${el.clientWidth} px box`);
      const root = rootOf(el);
      if (root !== document.body) {
        const rr = root.getBoundingClientRect();
        if (r.left < rr.left - 1 || r.right > rr.right + 1) clipped.push(`${describe(el)} sticks out of its card`);
      }
      for (let p = el.parentElement; p && p !== root && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
        if (scrolls(p)) break; // reachable by scrolling that region
        const pr = p.getBoundingClientRect();
        if (r.left < pr.left - 1 || r.right > pr.right + 1) {
          clipped.push(`${describe(el)} is cut off by ${describe(p)}`);
          break;
        }
      }
    }

    const overlapping: string[] = [];
    const boxes = interactive.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        // Nested controls (an input inside its label or switch) share their box by design.
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (rootOf(a.el) !== rootOf(b.el)) continue;
        if (a.el.parentElement === b.el.parentElement && (a.el.tagName === 'INPUT' || b.el.tagName === 'INPUT'))
          continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2)
          overlapping.push(`${describe(a.el)} and ${describe(b.el)} overlap by ${Math.round(w)}×${Math.round(h)} px`);
      }
    return { overflow, clipped, overlapping };
  }, within);
}

/** axe-core on the whole page: every violation, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: unknown,
          ): Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/** Everything wrong with one screen, as lines for an assertion message (empty when all is well). */
export async function screenProblems(page: Page, within?: string): Promise<string[]> {
  const layout = await layoutProblems(page, within);
  const axe = await axeViolations(page);
  return [
    ...layout.overflow.map((p) => `overflow: ${p}`),
    ...layout.clipped.map((p) => `clipped: ${p}`),
    ...layout.overlapping.map((p) => `overlap: ${p}`),
    ...axe.map((v) => `axe ${v.id} [${v.impact}]: ${v.help} (${v.targets.join(', ')})`),
  ];
}
