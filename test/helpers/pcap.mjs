// Classic pcap writer (the format tshark and Wireshark read): a 24-byte global header, then per
// frame a 16-byte record header and the frame bytes. Link type 1 = Ethernet.
import fs from 'node:fs';

export class PcapWriter {
  constructor() {
    this.chunks = [];
    const h = Buffer.alloc(24);
    h.writeUInt32LE(0xa1b2c3d4, 0); // magic: microsecond timestamps, little-endian
    h.writeUInt16LE(2, 4);
    h.writeUInt16LE(4, 6);
    h.writeInt32LE(0, 8); // timezone offset
    h.writeUInt32LE(0, 12); // timestamp accuracy
    h.writeUInt32LE(65535, 16); // snap length
    h.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
    this.chunks.push(h);
    this.count = 0;
  }

  /** Records a frame (bytes copied now). timeMs defaults to the frame index, in milliseconds. */
  add(buf, off = 0, len = buf.length - off, timeMs = this.count) {
    const r = Buffer.alloc(16);
    const us = Math.round(timeMs * 1000);
    r.writeUInt32LE(Math.floor(us / 1e6), 0);
    r.writeUInt32LE(us % 1e6, 4);
    r.writeUInt32LE(len, 8);
    r.writeUInt32LE(len, 12);
    this.chunks.push(r, Buffer.from(buf.slice(off, off + len)));
    this.count++;
  }

  toBuffer() {
    return Buffer.concat(this.chunks);
  }

  save(path) {
    fs.writeFileSync(path, this.toBuffer());
  }
}
