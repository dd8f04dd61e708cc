/** Court console pages: registration, search, the card, documents, scans (registrar, head of staff). */
import type { Page } from '../../../lib/router.ts';

export const registryPages: Page[] = [];
