/**
 * The actors' clock never runs backwards (issue 10 item 8).
 *
 * Chosen policy: HOLD to the last time and raise an alarm — not refuse. A
 * court whose clock jumped back (bad NTP, a replaced CMOS battery, a VM
 * restored from an image) must keep registering: refusing every write until
 * an operator fixes the clock would block the court (Засади 18.1: protection
 * against blocking), and documents must be registered on their arrival day
 * (Засади 3.1). Holding keeps every number, protocol and journal timestamp
 * dated no earlier than the ones before it (the last time seen is the best
 * lower bound of the true time), and the alarm — a log line at `error` and an
 * event in the node's run log (node-log.ts) — tells the operator. The floor at
 * start is the timestamp of the journal's last event, so a clock that was
 * wrong while the node was down is caught too.
 */

export interface ClockAlarm {
  /** What the wall clock said. */
  wall: number;
  /** The time the actors are held at (the last one seen). */
  held: number;
}

export class HeldClock {
  private last: number;
  private behind = false;
  private alarmCount = 0;

  constructor(
    private readonly source: () => number,
    floor: number,
    private readonly onBackwards: (a: ClockAlarm) => void,
  ) {
    this.last = floor;
  }

  /** Epoch ms, never less than any value returned before (nor than the floor). */
  readonly now = (): number => {
    const t = this.source();
    if (t >= this.last) {
      this.last = t;
      this.behind = false;
      return t;
    }
    if (!this.behind) {
      // One alarm per jump: while the wall clock stays behind, time is held without repeating it.
      this.behind = true;
      this.alarmCount++;
      this.onBackwards({ wall: t, held: this.last });
    }
    return this.last;
  };

  /** How many times the wall clock was found behind the last time. */
  get alarms(): number {
    return this.alarmCount;
  }
}
