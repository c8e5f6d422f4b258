import type { Level } from '../../domain/scan/content';
import type { Element } from '../card';

const LEVELS: Level[] = [1, 2, 3, 4];

/**
 * One block per level, as a row of equal columns (so it fits a phone at any width):
 * reached levels filled (green once the target is reached), the levels still to go up to
 * the target marked, the rest empty. Columns carry no text: the line above says the same
 * in words, which is what a screen reader reads.
 */
export function levelBar(level: Level, target: Level): Element {
  const reached = level >= target;
  const style = (l: Level) => (l <= level ? (reached ? 'good' : 'accent') : l <= target ? 'warning' : 'emphasis');
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: LEVELS.map((l) => ({
      type: 'Column',
      width: 'stretch',
      style: style(l),
      minHeight: '10px',
      spacing: l === 1 ? 'None' : 'Small',
      items: [],
    })),
  };
}

/** A domain's line in words ("**Veiligheid**: Basis (doel: Gevorderd)") with its blocks under it. */
export function levelRow(line: string, level: Level, target: Level): Element {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [{ type: 'TextBlock', text: line, wrap: true, size: 'Small' }, levelBar(level, target)],
  };
}
