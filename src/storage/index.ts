// Public surface of src/storage: rings and copies that allocate nothing once built.
export { PacketRing } from './packet-ring';
export { copyBytes, copyByViews } from './copy';
export { ByteRing } from './byte-ring';
