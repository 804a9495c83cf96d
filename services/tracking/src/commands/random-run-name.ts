import { randomInt } from 'node:crypto';

const ADJECTIVES = (
  'amber bold brave bright calm clever crisp eager gentle glad honest keen lively lucky merry ' +
  'nimble polite quick quiet rare sharp silent smooth steady sunny swift tidy vivid warm wise'
).split(' ');

const NOUNS = (
  'badger bear crane dolphin eagle falcon finch fox hare heron ibis lark lynx mole newt ' +
  'otter owl panda quail raven robin seal shrew sloth stoat swan tern toad wolf wren'
).split(' ');

/** A readable name for a run created without one, as MLflow gives them (`swift-otter-417`). */
export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
