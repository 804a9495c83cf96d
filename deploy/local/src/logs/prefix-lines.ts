import type { Paint, Style } from './paint';

const PREFIX_STYLES: Style[] = [
  'cyan',
  'magenta',
  'blue',
  'yellow',
  'green',
  'redBright',
  'cyanBright',
  'magentaBright',
];

/** `[name]` padded to `width`, coloured by `colour` (an index, so each service keeps its own). */
export function prefixFor(name: string, width: number, colour: number, paint: Paint): string {
  return paint(PREFIX_STYLES[colour % PREFIX_STYLES.length], `[${name}]`.padEnd(width + 2));
}
