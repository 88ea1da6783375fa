/** Options common to the chip drivers (configuration time only). */
export interface ChipOptions {
  /** Our MAC address as a 48-bit number (src/wire/mac.ts). Required. */
  mac: number;
  /** ENC28J60: full duplex (default false). The chip cannot negotiate, so a switch port sees it as
   *  half duplex: full duplex only when the far end is forced to full duplex too. */
  fullDuplex?: boolean;
  /** Accept multicast frames (default false: unicast to us and broadcast only). W5500: IPv4
   *  multicast only (the chip never passes other multicast in MACRAW with its MAC filter). */
  multicast?: boolean;
  /** Accept every frame on the wire (default false). */
  promiscuous?: boolean;
  /** Milliseconds between health checks (link state, chip reset detection, overflow flag); default 500. */
  checkMs?: number;
  /** W5500: drive the interrupt line (Sn_IMR RECV) and clear it when the receive buffer is empty. */
  irq?: boolean;
}

export function checkMac(mac: number, chip: string): void {
  if (typeof mac !== 'number' || !(mac > 0) || mac >= 281474976710656 || Math.floor(mac) !== mac) {
    throw new Error(chip + ': options.mac must be a 48-bit MAC as a number (e.g. 0x020000000001)');
  }
  if (Math.floor(mac / 1099511627776) & 1) throw new Error(chip + ': options.mac must be unicast (first octet even)');
}
