// Public surface of src/phy: re-exported by the node-sim board for tests.
export { DeviceError } from './device';
export type { Device } from './device';
