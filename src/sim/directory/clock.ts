/**
 * The simulator's idea of "now". A drill can skew it (`clockOffsetSeconds`) to rehearse what a
 * wrong laptop clock does to certificate assertions (AADSTS700024) and token lifetimes.
 */
export class SimulatorClock {
  private offsetMs: number;

  constructor(offsetSeconds = 0) {
    this.offsetMs = offsetSeconds * 1000;
  }

  setOffsetSeconds(seconds: number): void {
    this.offsetMs = seconds * 1000;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowSeconds(): number {
    return Math.floor((Date.now() + this.offsetMs) / 1000);
  }
}
