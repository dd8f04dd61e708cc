/**
 * The console's one door to the node: JSON over the node's own HTTP API (the same routes scripts use — the browser
 * holds no business logic). Court: a bearer token kept in sessionStorage (gone when the tab closes). Centre: the
 * HttpOnly cookie set by POST /ops/login (the script never sees the token).
 *
 *   const card = await api.get<Card>(`/cases/${ueun}`);
 *   await api.post('/registrations', body, { 'idempotency-key': key });
 *   try { … } catch (e) { if (e instanceof ApiError && e.code === 'FORBIDDEN') … ; show(e.messageUk) }
 */
export interface FieldError {
  /** JSON pointer into the body, e.g. `/document/kind` ('' or '/' for the whole). */
  path: string;
  message: string;
}

/** A refusal from the node, with its stable `code` and the Ukrainian message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageUk: string,
    readonly details?: unknown,
  ) {
    super(messageUk);
  }
  /** Field errors of a VALIDATION_FAILED/BAD_DATE answer, when the node named them. */
  get fields(): FieldError[] {
    const errors = (this.details as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(errors) ? errors.filter((e): e is FieldError => typeof e?.path === 'string') : [];
  }
}

/** What to tell a person about any failure: the node's Ukrainian message, never the browser's English one. */
export function messageOf(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.messageUk : fallback;
}

const TOKEN_KEY = 'asds.console.token';
let unauthenticated: () => void = () => undefined;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string | null) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
  /** What to do when the node answers 401 (the token expired or was revoked): show the login again. */
  onUnauthenticated: (fn: () => void) => void (unauthenticated = fn),
};

const STATUS_UK: Record<number, string> = {
  400: 'Запит містить помилки.',
  401: 'Потрібно увійти знову.',
  403: 'Недостатньо прав для цієї дії.',
  404: 'Не знайдено.',
  409: 'Запис змінено іншим користувачем — оновіть сторінку.',
  422: 'Дію не виконано: порушено правило.',
  429: 'Забагато спроб — зачекайте.',
  503: 'Служба тимчасово недоступна.',
};

async function refusal(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const e = (body as { error?: unknown } | null)?.error;
  // court: { error: { code, message: { uk, en }, details } }; centre: { error: 'text', code?, message? }
  if (e && typeof e === 'object') {
    const o = e as { code?: string; message?: { uk?: string } | string; details?: unknown };
    const uk = typeof o.message === 'string' ? o.message : o.message?.uk;
    return new ApiError(res.status, o.code ?? `HTTP_${res.status}`, uk ?? STATUS_UK[res.status] ?? `Помилка ${res.status}`, o.details);
  }
  const flat = body as { code?: string; message?: string; error?: string } | null;
  // centre: { error: 'ROLE_FORBIDDEN', message: '…' } names the code in `error` when a message comes beside it
  const code = flat?.code ?? (typeof flat?.message === 'string' && typeof flat?.error === 'string' && /^[A-Z][A-Z0-9_]*$/.test(flat.error) ? flat.error : undefined);
  return new ApiError(res.status, code ?? `HTTP_${res.status}`, flat?.message ?? (typeof flat?.error === 'string' ? flat.error : undefined) ?? STATUS_UK[res.status] ?? `Помилка ${res.status}`);
}

function headers(extra?: Record<string, string>): Record<string, string> {
  const t = session.token();
  return { accept: 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}), ...extra };
}

function url(path: string, query?: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function send<T>(method: string, path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<T> {
  const res = await fetch(path, { ...init, method, credentials: 'same-origin', headers: headers(init.headers) });
  if (res.status === 401) unauthenticated();
  if (!res.ok) throw await refusal(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, string | number | boolean | null | undefined>) => send<T>('GET', url(path, query), {}),
  post: <T>(path: string, body?: unknown, extra?: Record<string, string>) =>
    send<T>('POST', path, { body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json', ...extra } }),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, { body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } }),
  /** Sends a file as the raw body (scans: POST /cases/…/attachments?fileName=…). */
  upload: <T>(path: string, file: Blob, type: string) => send<T>('POST', path, { body: file, headers: { 'content-type': type || 'application/octet-stream' } }),
  /** A binary answer (PDF, XLSX, a scan) as a Blob, e.g. to open it for printing. */
  blob: async (path: string, query?: Record<string, string | number | boolean | null | undefined>): Promise<Blob> => {
    const res = await fetch(url(path, query), { credentials: 'same-origin', headers: headers({ accept: '*/*' }) });
    if (res.status === 401) unauthenticated();
    if (!res.ok) throw await refusal(res);
    return res.blob();
  },
  url,
};

/** Opens a blob (a PDF protocol, an XLSX form) in a new tab or as a download named `name`. */
export function openBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** An idempotency key for one submission of a form (a double click or a retry registers once). */
export function idempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return `console-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}
