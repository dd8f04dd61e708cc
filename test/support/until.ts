/** Poll `f` every `everyMs` until it returns a truthy value (returned), or throw after `ms` naming `what`. */
export async function until<T>(f: () => Promise<T | undefined | false>, what: string, ms = 60_000, everyMs = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
