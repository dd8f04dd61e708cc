/** PEM armour (RFC 7468) for DER blobs. */
export function toPem(der: Uint8Array, label: string): string {
  const body = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** First block with one of the labels, or undefined when there is none. */
export function fromPem(text: string, labels: readonly string[]): Buffer | undefined {
  for (const label of labels) {
    const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`);
    const match = re.exec(text);
    if (match) return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
  }
  return undefined;
}
