/**
 * The reference prosecutors' system (issue 17 §A.2, exchange order 2024): signs a document with its head's
 * qualified key (CMS detached, actors/pki), files it into a court case through the hub, follows the receipt to
 * the court's registration notice, reads documents courts sent to its cabinet and acknowledges them — and keeps
 * its own journal of every document sent and received (digests over the bytes on its side).
 */
import { signDetached } from '../pki/index.ts';
import type { FilingBodyV1, FilingReceiptV1, InboxItemV1, InboxPageV1, NoticeV1, NoticesPageV1 } from '../../contracts/exchange/filings.ts';
import { expectStatus, type MtlsClient } from './client.ts';
import { CounterpartJournal } from './journal.ts';
import type { HeadKey } from './qualified-ca.ts';

export interface DocumentToFile {
  messageId: string;
  court: string;
  ueun?: string;
  proceedingNumber?: string;
  kind: FilingBodyV1['kind'];
  title: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export class ProsecutorSystem {
  /** Where the next polls start (a command run keeps them between runs). */
  cursors = { notices: 0, inbox: 0 };
  private readonly seen = new Map<string, NoticeV1>();

  constructor(
    readonly client: MtlsClient,
    /** The head's qualified certificate and key (changed with `setHead` when the head changes). */
    public head: HeadKey,
    readonly journal = new CounterpartJournal(),
  ) {}

  /** The signed body the hub's POST /exchange/v1/filings takes. */
  body(d: DocumentToFile, signer: HeadKey = this.head): FilingBodyV1 {
    return {
      messageId: d.messageId,
      court: d.court,
      ...(d.ueun ? { ueun: d.ueun } : {}),
      ...(d.proceedingNumber ? { proceedingNumber: d.proceedingNumber } : {}),
      kind: d.kind,
      title: d.title,
      restriction: 'none',
      document: { fileName: d.fileName, mediaType: d.mediaType, base64: d.content.toString('base64') },
      signature: signDetached({ content: d.content, certPem: signer.certPem, keyPem: signer.keyPem }).toString('base64'),
    };
  }

  /** File a signed document: the hub's receipt at once (a refusal throws HubRefused with the hub's code). */
  async file(d: DocumentToFile, signer: HeadKey = this.head): Promise<FilingReceiptV1> {
    const receipt = expectStatus<FilingReceiptV1>(await this.client.call('POST', '/exchange/v1/filings', this.body(d, signer)), 202);
    this.journal.record('sent', 'filing', receipt.filingId, d.content, d.messageId);
    return receipt;
  }

  /** New notices since the last poll (registered / refused), journaled. */
  async pollNotices(): Promise<NoticeV1[]> {
    const page = expectStatus<NoticesPageV1>(await this.client.call('GET', `/exchange/v1/notices?after=${this.cursors.notices}`), 200);
    for (const n of page.notices) {
      this.seen.set(n.filingId, n);
      this.journal.record('received', 'notice', n.filingId, JSON.stringify(n), n.status);
    }
    this.cursors.notices = page.next;
    return page.notices;
  }

  /** The court's notice for a filing, polling every `everyMs` up to `ms`. */
  async waitNotice(filingId: string, ms = 30_000, everyMs = 50): Promise<NoticeV1> {
    const end = Date.now() + ms;
    for (;;) {
      const n = this.seen.get(filingId);
      if (n) return n;
      await this.pollNotices();
      if (this.seen.has(filingId)) continue;
      if (Date.now() > end) throw new Error(`no notice for filing ${filingId} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  /** Documents courts sent to the cabinet since the last poll: each journaled and acknowledged. */
  async pollInbox(): Promise<InboxItemV1[]> {
    const page = expectStatus<InboxPageV1>(await this.client.call('GET', `/exchange/v1/inbox?after=${this.cursors.inbox}`), 200);
    for (const item of page.items) {
      this.journal.record('received', 'court-document', item.id, Buffer.from(item.document.base64, 'base64'), item.kindName);
      if (!item.acknowledgedAt) expectStatus(await this.client.call('POST', `/exchange/v1/inbox/${item.id}/ack`), 200);
    }
    this.cursors.inbox = page.next;
    return page.items;
  }

  /** Poll the inbox until a document arrives, up to `ms`. */
  async waitInbox(ms = 30_000, everyMs = 50): Promise<InboxItemV1[]> {
    const end = Date.now() + ms;
    for (;;) {
      const items = await this.pollInbox();
      if (items.length > 0) return items;
      if (Date.now() > end) throw new Error(`nothing in the cabinet's inbox within ${ms} ms`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  setHead(head: HeadKey): void {
    this.head = head;
  }
}
