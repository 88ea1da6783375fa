// One scratch buffer for the DHCP client, the DNS client and the NetworkJS driver. Each fills and
// reads it within one call (emit then send, receive then parse into its Repr or a string), never
// across calls, so one buffer serves them all and a board pays for it once instead of three times
// (1,500 + 1,024 + 576 bytes: some 240 blocks on Espruino). Made on first use (at start-up).
let shared: Uint8Array | null = null;

export function scratch(): Uint8Array {
  return shared || (shared = new Uint8Array(1500));
}
