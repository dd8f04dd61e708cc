/**
 * The counterpart's side of the hub's mutual TLS (issue 17): one keep-alive HTTPS agent holding the organisation's
 * client certificate (issued by the hub's exchange CA) and trusting only that CA for the hub's server certificate.
 */
import { Agent, request } from 'node:https';

export interface ClientIdentity {
  certPem: string;
  keyPem: string;
  /** The hub's exchange CA (PEM): the only anchor for the hub's server certificate. */
  caPem: string;
}

export interface HubReply<T = any> {
  status: number;
  text: string;
  json: T;
}

export class MtlsClient {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(hubUrl: string, id: ClientIdentity, maxSockets = 16) {
    this.base = new URL(hubUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets, cert: id.certPem, key: id.keyPem, ca: id.caPem });
  }

  /** One request; a refused handshake rejects, an HTTP refusal resolves with its status and typed body. */
  call<T = any>(method: string, path: string, body?: unknown): Promise<HubReply<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          hostname: this.base.hostname,
          port: this.base.port,
          path,
          method,
          headers: payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, text, json });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A refusal of the hub with its stable code, for the caller to branch on. */
export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The reply's JSON when its status is one of `ok`, else a HubRefused naming the hub's code. */
export function expectStatus<T>(r: HubReply<T>, ...ok: number[]): T {
  if (ok.includes(r.status)) return r.json;
  const body = r.json as { error?: string; message?: string } | undefined;
  throw new HubRefused(r.status, body?.error ?? `HTTP_${r.status}`, body?.message ?? r.text.slice(0, 300));
}
