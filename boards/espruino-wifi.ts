// Board entry for espruino-wifi. The board shim (SPI, pins, interrupt) arrives with the chip drivers.
export var board = 'espruino-wifi';
export var noAlloc = NO_ALLOC;
