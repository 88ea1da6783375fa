// Public surface of src/hal: re-exported by the node-sim board for tests.
export { SPI_WRITE, SPI_HOLD } from './spi';
export type { Spi } from './spi';
export type { OutPin, InPin, Clock } from './pins';
export type { Hal } from './hal';
