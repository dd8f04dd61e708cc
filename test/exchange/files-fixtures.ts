/** Shared data of the information-file tests: a court decision in an administrative-offence case. */
import { fileURLToPath } from 'node:url';
import type { AdminOffenceDecisionV1 } from '../../contracts/exchange/files/index.ts';

export const AGREEMENTS_FILE = fileURLToPath(new URL('../../deploy/examples/exchange/agreements.yaml', import.meta.url));

export function decision(): AdminOffenceDecisionV1 {
  return {
    caseNumber: '537/1234/26',
    proceedingNumber: '3/537/1234/26',
    court: { code: '537', name: 'Лубенський міськрайонний суд Полтавської області' },
    judge: 'Коваленко Олена Петрівна',
    decisionDate: '2026-03-02',
    article: 'ч. 1 ст. 130 КУпАП',
    person: { lastName: 'Шевченко', firstName: 'Тарас', patronymic: 'Григорович', birthDate: '1990-03-09', taxNumber: '1234567890', address: 'м. Лубни, вул. Шевченка, 1' },
    decision: 'penalty-imposed',
    penalty: { kind: 'fine', amountUah: 17000, termMonths: 12 },
    legalForceDate: '2026-03-13',
    reasoning: 'Особа керувала транспортним засобом у стані алкогольного сп\'яніння…',
    protocolNumber: 'ААД 123456',
  };
}
