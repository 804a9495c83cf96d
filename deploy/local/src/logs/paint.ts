import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];
/** Colours text when colours are on, returns it unchanged otherwise. */
export type Paint = (style: Style, text: string) => string;

export const plain: Paint = (_style, text) => text;

/** Colours when writing to a terminal, unless `NO_COLOR`; `FORCE_COLOR` forces them on. */
export function createPaint(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): Paint {
  const forced = env.FORCE_COLOR !== undefined && !['', '0', 'false'].includes(env.FORCE_COLOR);
  const enabled = forced || (env.NO_COLOR === undefined && stream.isTTY === true && env.TERM !== 'dumb');
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : plain;
}
