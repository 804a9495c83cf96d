import { choosePort, type PortChoice } from './choose-port';
import { findFreePortOn, isPortFreeOn } from './tcp-ports';

/** Hands out ports for one run: the preferred one when free, never the same one twice. */
export class PortAllocator {
  private readonly taken = new Set<number>();

  async allocate(preferred: number, host: string): Promise<PortChoice> {
    const choice = await choosePort(preferred, {
      isFree: isPortFreeOn(host),
      findFree: findFreePortOn(host),
      taken: this.taken,
    });
    this.taken.add(choice.port);
    return choice;
  }
}
