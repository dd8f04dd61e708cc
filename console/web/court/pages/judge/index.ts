/** Court console pages: my cases, my hearings, covert details for the assigned investigating judge. */
import type { Page } from '../../../lib/router.ts';

export const judgePages: Page[] = [];
