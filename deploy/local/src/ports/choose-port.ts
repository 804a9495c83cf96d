/** Answers whether a TCP port can be bound right now. */
export type IsPortFree = (port: number) => Promise<boolean>;
/** Returns a port the operating system considers free. */
export type FindFreePort = () => Promise<number>;

export interface PortChoice {
  port: number;
  preferred: number;
  /** Why the preferred port was not used; absent when it was. */
  reason?: string;
}

/**
 * The preferred port when it is free and not already handed out in this run,
 * else a free one from the system; never one in `taken`.
 */
export async function choosePort(
  preferred: number,
  deps: { isFree: IsPortFree; findFree: FindFreePort; taken?: ReadonlySet<number> },
): Promise<PortChoice> {
  const taken = deps.taken ?? new Set<number>();
  if (taken.has(preferred)) {
    return {
      port: await findUntaken(deps.findFree, taken),
      preferred,
      reason: `port ${preferred} is already assigned in this run`,
    };
  }
  if (await deps.isFree(preferred)) return { port: preferred, preferred };
  return { port: await findUntaken(deps.findFree, taken), preferred, reason: `port ${preferred} is in use` };
}

async function findUntaken(findFree: FindFreePort, taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await findFree();
    if (!taken.has(port)) return port;
  }
  throw new Error('could not find a free TCP port after 20 attempts');
}
