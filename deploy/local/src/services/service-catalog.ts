/** The six Slipway services, in start order, with their HTTP port offset from the base. */
export const SERVICE_CATALOG = [
  { name: 'gateway', portOffset: 0, usesClickHouse: false },
  { name: 'tracking', portOffset: 1, usesClickHouse: true },
  { name: 'registry', portOffset: 2, usesClickHouse: false },
  { name: 'pipeline', portOffset: 3, usesClickHouse: false },
  { name: 'serving', portOffset: 4, usesClickHouse: true },
  { name: 'notifier', portOffset: 5, usesClickHouse: false },
] as const;

export type ServiceName = (typeof SERVICE_CATALOG)[number]['name'];
export type ServiceSpec = (typeof SERVICE_CATALOG)[number];

export const SERVICE_NAMES: readonly ServiceName[] = SERVICE_CATALOG.map((s) => s.name);

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** The services named in a comma-separated list (all when the list is absent), in catalog order. */
export function selectServices(list: string | undefined): ServiceSpec[] {
  if (list === undefined) return [...SERVICE_CATALOG];
  const wanted = new Set(list.split(',').map((name) => name.trim()));
  return SERVICE_CATALOG.filter((s) => wanted.has(s.name));
}
