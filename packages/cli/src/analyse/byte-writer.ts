import { csvCell } from './csv.js';

/**
 * Builds output bytes directly: for 100 000 rows, formatting integers digit by digit into one
 * buffer is several times faster than concatenating and then encoding strings.
 */
export class ByteWriter {
  #buf: Uint8Array;
  #len = 0;
  readonly #encoder = new TextEncoder();

  constructor(capacity = 1 << 16) {
    this.#buf = new Uint8Array(capacity);
  }

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#buf.subarray(0, this.#len));
    this.#buf = grown;
  }

  byte(c: number): void {
    this.#room(1);
    this.#buf[this.#len++] = c;
  }

  text(s: string): void {
    this.#room(s.length * 3);
    const buf = this.#buf;
    let len = this.#len;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        // Non-ASCII text is rare here (ids, column names): let the encoder handle it.
        this.#len += this.#encoder.encodeInto(s, buf.subarray(this.#len)).written;
        return;
      }
      buf[len++] = c;
    }
    this.#len = len;
  }

  /** Writes a number as String(x) would, integers without any string. NaN writes NA. */
  number(x: number): void {
    if (x !== x) {
      this.byte(78);
      this.byte(65);
      return;
    }
    if (Number.isInteger(x) && Math.abs(x) < 1e15 && !Object.is(x, -0)) {
      this.#room(17);
      let v = x;
      if (v < 0) {
        this.#buf[this.#len++] = 45;
        v = -v;
      }
      if (v === 0) {
        this.#buf[this.#len++] = 48;
        return;
      }
      let digits = 0;
      for (let t = v; t >= 1; t = Math.floor(t / 10)) digits++;
      let end = this.#len + digits;
      this.#len = end;
      while (v >= 1) {
        this.#buf[--end] = 48 + (v % 10);
        v = Math.floor(v / 10);
      }
      return;
    }
    this.text(x === Number.POSITIVE_INFINITY ? 'Inf' : x === Number.NEGATIVE_INFINITY ? '-Inf' : String(x));
  }

  /**
   * Writes a CSV cell, quoted when it needs it (as csvCell). Plain ASCII, the usual id, is
   * copied in the same pass that checks it.
   */
  cell(s: string): void {
    this.#room(s.length);
    const buf = this.#buf;
    const start = this.#len;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || c === 34 || c === 44 || c === 10 || c === 13) {
        this.#len = start;
        this.text(csvCell(s));
        return;
      }
      buf[start + i] = c;
    }
    this.#len = start + s.length;
  }

  /**
   * Writes `,x` for each of values[from..to): what `byte(44); number(x)` writes, with the
   * common case (a whole number from 0 to 999 999 999) done inline.
   */
  numbers(values: Float64Array, from: number, to: number): void {
    let buf = this.#buf;
    let len = this.#len;
    for (let k = from; k < to; k++) {
      if (len + 12 > buf.length) {
        this.#len = len;
        this.#room(12);
        buf = this.#buf;
      }
      const x = values[k] ?? Number.NaN;
      buf[len++] = 44;
      if (x >= 0 && x < 1e9 && (x | 0) === x) {
        // String(-0) is "0" too, so -0 may take this path.
        let v = x | 0;
        let digits = 1;
        for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
        let at = len + digits;
        len = at;
        do {
          buf[--at] = 48 + (v % 10);
          v = (v / 10) | 0;
        } while (v > 0);
      } else {
        this.#len = len;
        this.number(x);
        buf = this.#buf;
        len = this.#len;
      }
    }
    this.#len = len;
  }

  /** Writes `,f` for each verdict flags[from..to): 0, 1, or NA for a negative flag. */
  flags(flags: Int8Array, from: number, to: number): void {
    this.#room((to - from) * 3);
    const buf = this.#buf;
    let len = this.#len;
    for (let i = from; i < to; i++) {
      const f = flags[i] ?? -1;
      buf[len++] = 44;
      if (f < 0) {
        buf[len++] = 78;
        buf[len++] = 65;
      } else buf[len++] = 48 + f;
    }
    this.#len = len;
  }

  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }
}
