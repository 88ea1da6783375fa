// Board entry for the Espruino WiFi (STM32F411; its ESP8266 uses A2, A3, A13-A15). Default wiring
// (both chips, override any pin): SPI2: SCK B13, MISO B14, MOSI B15; CS B10; INT B1; RESET B0; 8 MHz.
import { startEspruinoDevice, BoardDeviceOptions, BoardDevice, BoardPins } from './shim/espruino-device';
import { nativeSum16 } from './shim/native-sum';
import { copyByViews } from '../src/storage/copy';
import { setSum16 } from '../src/wire/checksum';
import { connectBoard, ConnectOptions, Stack } from './shim/connect';

export * as wire from '../src/wire/index';
export var board = 'espruino-wifi';
export var noAlloc = NO_ALLOC;

function pins(chip: string): BoardPins {
  return { spi: SPI2, sck: B13, miso: B14, mosi: B15, cs: B10, int: B1, reset: B0, baud: 8000000 };
}

/** Starts an ENC28J60 or W5500 wired as above (or as options say) and returns its Device. */
export function startDevice(options: BoardDeviceOptions): BoardDevice {
  return startEspruinoDevice(options, pins);
}

export { nativeSum16, setSum16, copyByViews };

/** Starts the chip and the stack: DHCP unless options.ip is given, the NetworkJS driver registered;
 *  callback(err, stack) once the address is set. */
export function connect(options: ConnectOptions, callback?: (err: any, stack?: Stack) => void): Stack {
  return connectBoard(options, startDevice, { tcpSockets: 2, udpSockets: 1, txBytes: 1024, rxBytes: 1024, udpBytes: 1024, dnsQueries: 1 }, callback);
}

export { Interface } from '../src/iface/interface';
export { UdpSocket } from '../src/socket/udp';
export { IcmpSocket } from '../src/socket/icmp';
export { RawSocket } from '../src/socket/raw';
export { TcpSocket } from '../src/socket/tcp';
export { DhcpClient } from '../src/app/dhcp';
export { DnsClient } from '../src/app/dns';
export { NetworkDriver } from '../src/app/networkjs';
export { SOCKET_ERRORS } from '../src/socket/errors';
