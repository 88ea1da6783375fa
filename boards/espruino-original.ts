// Board entry for espruino-original. The board shim (SPI, pins, interrupt) arrives with the chip drivers.
export var board = 'espruino-original';
export var noAlloc = NO_ALLOC;
