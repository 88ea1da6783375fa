// Public surface of src/iface: the Interface, its configuration, result codes and counters.
export { Interface, L4_OFFSET } from './interface';
export type { InterfaceConfig, Service } from './interface';
export { NeighborCache } from './neighbor';
export { RESULT_NAMES, RESULTS, DROP_FIRST } from './results';
