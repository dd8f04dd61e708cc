/**
 * Login attempts limited per login and per client address (Засади 18.1:
 * protection against unauthorised access). In memory: a restart forgets the
 * counters, which costs an attacker a restart of the court node per few
 * guesses — not a way through.
 *
 * Every attempt is counted when it starts (before the password hash is
 * checked), so sixty parallel guesses cannot all slip through while the first
 * ones are still being hashed. After `free` attempts each further one waits
 * `baseMs · 2^(n−free)` (capped at `maxMs`) behind the previous; one that
 * comes too early is answered 429 with Retry-After and not counted (the wait
 * grows with guesses, not with impatience). A successful login clears its
 * login's counter and takes its attempt off the address (a court building
 * behind one NAT address logs in all morning). Quiet for `forgetMs` →
 * forgotten; at most `maxEntries` keys are kept (oldest dropped), so random
 * logins cannot grow memory.
 */

export interface ThrottleRule {
  /** Attempts before any delay. */
  free: number;
  baseMs: number;
  maxMs: number;
}

export interface LoginThrottleOptions {
  perLogin: ThrottleRule;
  perAddress: ThrottleRule;
  forgetMs: number;
  maxEntries: number;
  now: () => number;
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  perLogin: { free: 5, baseMs: 1000, maxMs: 15 * 60_000 },
  perAddress: { free: 30, baseMs: 1000, maxMs: 15 * 60_000 },
  forgetMs: 30 * 60_000,
  maxEntries: 50_000,
  now: Date.now,
};

interface Entry {
  attempts: number;
  lockedUntil: number;
  last: number;
}

/** Counters for one kind of key (logins or addresses). */
class Counters {
  private readonly map = new Map<string, Entry>();
  constructor(
    private readonly rule: ThrottleRule,
    private readonly o: LoginThrottleOptions,
  ) {}

  /** Milliseconds to wait, or 0 when the attempt may go ahead. */
  waitFor(key: string, now: number): number {
    const e = this.live(key, now);
    return e && e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  count(key: string, now: number): void {
    const e = this.live(key, now) ?? { attempts: 0, lockedUntil: 0, last: now };
    e.attempts += 1;
    e.last = now;
    if (e.attempts >= this.rule.free) e.lockedUntil = now + Math.min(this.rule.maxMs, this.rule.baseMs * 2 ** (e.attempts - this.rule.free));
    this.map.delete(key); // re-insert: Map order = least recently used first
    this.map.set(key, e);
    if (this.map.size > this.o.maxEntries) this.map.delete(this.map.keys().next().value!);
  }

  clear(key: string): void {
    this.map.delete(key);
  }

  /** Undo one counted attempt (a success); the lock lifts when it falls back under `free`. */
  uncount(key: string, now: number): void {
    const e = this.live(key, now);
    if (!e) return;
    e.attempts = Math.max(0, e.attempts - 1);
    if (e.attempts < this.rule.free) e.lockedUntil = 0;
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.map.get(key);
    if (e && now - e.last > this.o.forgetMs && e.lockedUntil <= now) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; scope: 'login' | 'address' };

export class LoginThrottle {
  private readonly o: LoginThrottleOptions;
  private readonly logins: Counters;
  private readonly addresses: Counters;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.o = { ...LOGIN_THROTTLE_DEFAULTS, ...options };
    this.logins = new Counters(this.o.perLogin, this.o);
    this.addresses = new Counters(this.o.perAddress, this.o);
  }

  /** Admit and count an attempt, or say how long to wait. */
  begin(login: string, address: string): Admission {
    const now = this.o.now();
    const byLogin = this.logins.waitFor(login, now);
    const byAddress = this.addresses.waitFor(address, now);
    if (byLogin > 0 || byAddress > 0) return { ok: false, retryAfterMs: Math.max(byLogin, byAddress), scope: byLogin >= byAddress ? 'login' : 'address' };
    this.logins.count(login, now);
    this.addresses.count(address, now);
    return { ok: true };
  }

  succeeded(login: string, address: string): void {
    this.logins.clear(login);
    this.addresses.uncount(address, this.o.now());
  }
}
