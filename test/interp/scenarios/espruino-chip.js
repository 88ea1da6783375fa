// ES5, runs inside Espruino. Wires an emulated chip (emu.Enc28j60Emu or emu.W5500Emu from the ES5
// emulator script) to the interpreter's own SPI object, pins and watches, so that a board bundle's
// SPI shim, interrupt path and driver run unchanged: SPIx.send(data, cs) and SPIx.write(data) clock
// bytes through chip.exchange(), digitalWrite(cs) frames a transaction, digitalRead(int) reads the
// chip's INT line, and a falling INT edge calls the setWatch callback from the event loop. Blocks of
// bytes go through exchangeBlock, which moves buffer data in bulk: per-byte emulation is slow here.
// Built-in functions are replaced through `global.` (Espruino refuses a plain assignment to them).
// Several chips can be wired one after the other (each wrapper passes other pins on); a chip with
// intPin null is polled by its owner and leaves digitalRead and the watches alone.
// Returns { chip, spiBytes(), transactions(), watches }.
function wireEmulatedChip(chip, spi, csPin, intPin) {
  var stats = { bytes: 0, transactions: 0 };
  var watches = [];
  // Many bytes go through chip.exchangeBlock (the same as one exchange() per byte, with a fast
  // path for the chips' buffer memory: a call per byte is slow on the interpreter).
  function clock(d) {
    var out, n;
    if (typeof d === 'number') { stats.bytes++; return chip.exchange(d); }
    if (typeof d === 'string') {
      n = d.length;
      out = new Uint8Array(n);
      chip.exchangeBlock(E.toUint8Array(d), 0, n, out);
    } else if (d && d.count !== undefined) {
      n = d.count;
      out = new Uint8Array(n);
      chip.exchangeBlock(null, d.data, n, out);
    } else {
      n = d.length;
      out = new Uint8Array(n);
      chip.exchangeBlock(d, 0, n, out);
    }
    stats.bytes += out.length;
    return out;
  }
  spi.setup = function () {};
  spi.send = function (d, cs) {
    if (cs !== undefined) { chip.select(); stats.transactions++; }
    var r = clock(d);
    if (cs !== undefined) chip.deselect();
    return r;
  };
  spi.write = function (d) { clock(d); };
  var realWrite = digitalWrite, realRead = digitalRead, realMode = pinMode;
  global.digitalWrite = function (pin, v) {
    if (pin === csPin) {
      if (v) chip.deselect(); else { chip.select(); stats.transactions++; }
      return;
    }
    realWrite(pin, v);
  };
  global.pinMode = function (pin, mode) {
    if (pin === csPin || pin === intPin) return;
    realMode(pin, mode);
  };
  if (intPin === null || intPin === undefined) {
    return { chip: chip, watches: watches, spiBytes: function () { return stats.bytes; }, transactions: function () { return stats.transactions; } };
  }
  global.digitalRead = function (pin) {
    if (pin === intPin) return chip.irqLow ? 0 : 1;
    return realRead(pin);
  };
  global.setWatch = function (fn, pin) {
    watches.push({ fn: fn, pin: pin });
    return watches.length;
  };
  global.clearWatch = function (id) { if (watches[id - 1]) watches[id - 1].fn = null; };
  // The INT line falls: the callback runs from the event loop, as a watch does on a board.
  chip.onIrq = function () {
    for (var k = 0; k < watches.length; k++) {
      if (watches[k].fn && watches[k].pin === intPin) setTimeout(watches[k].fn, 0);
    }
  };
  return {
    chip: chip,
    watches: watches,
    spiBytes: function () { return stats.bytes; },
    transactions: function () { return stats.transactions; },
  };
}
