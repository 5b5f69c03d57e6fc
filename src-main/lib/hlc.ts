// A hybrid logical clock: timestamps that sort in causal order across PCs even when their wall
// clocks disagree. Encoded as a fixed-width string so that text comparison is time comparison:
//   <ms since epoch, 13 digits>-<counter, 4 hex>-<device code>
export interface HlcState {
  ms: number;
  counter: number;
}

export class Hlc {
  private state: HlcState;
  constructor(
    private readonly device: string,
    private readonly wallClock: () => number,
    initial: HlcState = { ms: 0, counter: 0 },
  ) {
    this.state = { ...initial };
  }

  /** A new timestamp, strictly greater than every one this clock has issued or received. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.state.ms) this.state = { ms: wall, counter: 0 };
    else this.state = { ms: this.state.ms, counter: this.state.counter + 1 };
    return this.encode();
  }

  /** Merge a timestamp seen from another device (for sync). */
  receive(remote: string): void {
    const r = Hlc.parse(remote);
    const wall = this.wallClock();
    const ms = Math.max(wall, this.state.ms, r.ms);
    let counter = 0;
    if (ms === this.state.ms && ms === r.ms) counter = Math.max(this.state.counter, r.counter) + 1;
    else if (ms === this.state.ms) counter = this.state.counter + 1;
    else if (ms === r.ms) counter = r.counter + 1;
    this.state = { ms, counter };
  }

  snapshot(): HlcState {
    return { ...this.state };
  }

  private encode(): string {
    if (this.state.counter > 0xffff) throw new Error('HLC counter overflow');
    return `${String(this.state.ms).padStart(13, '0')}-${this.state.counter
      .toString(16)
      .padStart(4, '0')}-${this.device}`;
  }

  static parse(s: string): HlcState & { device: string } {
    const m = /^(\d{13})-([0-9a-f]{4})-([0-9A-Z]+)$/.exec(s);
    if (!m) throw new Error(`Not an HLC timestamp: ${s}`);
    return { ms: Number(m[1]), counter: parseInt(m[2]!, 16), device: m[3]! };
  }
}

/** The wall-clock part of an HLC stamp as UTC ISO-8601 (for display). */
export function hlcToIso(stamp: string): string {
  return new Date(Hlc.parse(stamp).ms).toISOString();
}
