import { choosePort } from './choose-port';

const freeExcept =
  (...busy: number[]) =>
  async (port: number) =>
    !busy.includes(port);
const sequence = (...ports: number[]) => {
  let i = 0;
  return async () => ports[i++];
};

describe('choosePort - port choice', () => {
  it('keeps the preferred port when it is free', async () => {
    await expect(choosePort(4222, { isFree: freeExcept(), findFree: sequence(50000) })).resolves.toEqual({
      port: 4222,
      preferred: 4222,
    });
  });

  it('takes a free port and says why when the preferred one is in use', async () => {
    const choice = await choosePort(5432, { isFree: freeExcept(5432), findFree: sequence(50001) });
    expect(choice).toEqual({ port: 50001, preferred: 5432, reason: 'port 5432 is in use' });
  });

  it('never hands out a port already assigned in this run', async () => {
    const taken = new Set([8080, 50002]);
    const choice = await choosePort(8080, { isFree: freeExcept(), findFree: sequence(50002, 50003), taken });
    expect(choice.port).toBe(50003);
    expect(choice.reason).toContain('already assigned');
  });

  it('gives up when the system only offers taken ports', async () => {
    await expect(
      choosePort(1, { isFree: freeExcept(1), findFree: async () => 2, taken: new Set([2]) }),
    ).rejects.toThrow(/free TCP port/);
  });
});
