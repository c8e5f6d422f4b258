import type { Clock } from '../../bot/domain/ports';

/** A clock tests move by hand, so time-outs happen without waiting. */
export class FakeClock implements Clock {
  private t: number;

  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advance(ms: number): void {
    this.t += ms;
  }
}

/** A Tuesday at 10:00 in Amsterdam and Brussels: every demo coach is at work. */
export const TUESDAY_MORNING = '2026-11-24T09:00:00Z';
