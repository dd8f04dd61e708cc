/**
 * Who may be a required signer of a document (Засади 13.2: a document becomes
 * "Original" after signature by its author(s)). A signer must be a user of this
 * court, active, with a role the template allows — otherwise a draft could wait
 * forever for a signature nobody can give (an unknown login, a dismissed
 * judge), or be made "Original" by someone who may not sign it (a registrar
 * signing a ruling).
 *
 * Decided: checked when the document is created, against the user list at that
 * moment. A signer disabled later cannot sign (their token is refused); the
 * draft is then re-created with the current composition.
 */
import { DomainRejected } from '../../../runtime/index.ts';
import type { RoleV1 } from '../../../contracts/court/common.ts';
import type { DocumentTemplate } from './templates.ts';

export interface SignerCandidate {
  login: string;
  role: RoleV1;
  active: boolean;
}

export interface SignerProblem {
  login: string;
  problem: 'unknown' | 'disabled' | 'role';
  role?: RoleV1;
}

/** The problems of `signers` for template `t`; empty when every signer may sign. */
export function signerProblems(t: DocumentTemplate, signers: readonly string[], users: readonly SignerCandidate[]): SignerProblem[] {
  const byLogin = new Map(users.map((u) => [u.login, u]));
  const out: SignerProblem[] = [];
  for (const login of signers) {
    const u = byLogin.get(login);
    if (!u) out.push({ login, problem: 'unknown' });
    else if (!u.active) out.push({ login, problem: 'disabled', role: u.role });
    else if (!t.signerRoles.includes(u.role)) out.push({ login, problem: 'role', role: u.role });
  }
  return out;
}

/** Throws `SIGNER_NOT_ALLOWED` naming every problem (nothing is written). */
export function checkSigners(t: DocumentTemplate, signers: readonly string[], users: readonly SignerCandidate[]): void {
  const problems = signerProblems(t, signers, users);
  if (problems.length === 0) return;
  const text = problems.map((p) => (p.problem === 'unknown' ? `${p.login}: no such user` : p.problem === 'disabled' ? `${p.login}: disabled` : `${p.login}: role ${p.role} may not sign`)).join('; ');
  throw new DomainRejected('SIGNER_NOT_ALLOWED', `template ${t.id} is signed by ${t.signerRoles.join(' or ')}; ${text}`, { problems, signerRoles: t.signerRoles });
}
