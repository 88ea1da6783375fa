// Public surface of src/storage: rings and copies that allocate nothing once built.
export { PacketRing } from './packet-ring';
export { copyBytes } from './copy';
export { ByteRing } from './byte-ring';
