/**
 * Users of the court node (kind `users`, id = court code): logins, roles,
 * password hashes and bearer-token hashes (Засади 2.1: rights come from the
 * head of staff's orders, the technical administrator enters them).
 *
 * Secrets never arrive here in clear: the node hashes passwords (scrypt) and
 * tokens (SHA-256) before asking.
 *
 * Token revocation: every user has a token generation. A password change or a
 * role change writes `tokens-revoked` (attributed like every event: author and
 * role in the meta) in the same commit; it raises the generation and drops the
 * user's tokens, and `authenticate` (on every request, in memory: O(1))
 * accepts only a token of the current generation. Journaled, so it holds
 * after a restart.
 */
import type { Behavior } from '../../../runtime/index.ts';
import type { DocRefV1, PrincipalV1, RoleV1, ScryptHashV1, UsersCommandV1, UserViewV1 } from '../../../contracts/court/index.ts';
import { UsersCommandV1 as UsersCommandSchema } from '../../../contracts/court/index.ts';
import { CourtRejected } from '../errors.ts';
import { stampOf } from '../stamp.ts';

export const USERS_KIND = 'users';

interface User {
  fullName: string;
  role: RoleV1;
  active: boolean;
  order?: DocRefV1;
  password: ScryptHashV1;
  /** Raised by every revocation of all the user's tokens (absent = 0: users from before revocation existed). */
  generation?: number;
}

export interface UsersState {
  users: Record<string, User>;
  tokens: Record<string, { login: string; expiresAt: number; generation?: number }>;
}

export type RevocationReason = 'password-changed' | 'role-changed';

export type UsersEvent =
  | { type: 'user-created'; login: string; fullName: string; role: RoleV1; order?: DocRefV1; password: ScryptHashV1; bootstrap?: true }
  | { type: 'password-set'; login: string; password: ScryptHashV1 }
  | { type: 'user-disabled'; login: string; order: DocRefV1; reason: string }
  | { type: 'role-changed'; login: string; from: RoleV1; role: RoleV1; order: DocRefV1 }
  | { type: 'tokens-revoked'; login: string; reason: RevocationReason; generation: number }
  | { type: 'token-issued'; login: string; tokenHash: string; expiresAt: number; at: number; generation?: number }
  | { type: 'token-revoked'; tokenHash: string };

const generationOf = (u: { generation?: number } | undefined): number => u?.generation ?? 0;
const revokeAll = (login: string, u: User, reason: RevocationReason): UsersEvent => ({ type: 'tokens-revoked', login, reason, generation: generationOf(u) + 1 });

export const usersBehavior: Behavior<UsersState, UsersCommandV1, UsersEvent> = {
  kind: USERS_KIND,
  commandSchema: UsersCommandSchema,
  initialState: () => ({ users: {}, tokens: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'bootstrap':
        // Only on a court with no users at all: the first tech_admin, who then enters everyone else.
        if (Object.keys(state.users).length > 0) return { reply: { created: false } };
        return {
          events: [{ type: 'user-created', login: cmd.login, fullName: 'Технічний адміністратор', role: 'tech_admin', password: cmd.password, bootstrap: true }],
          reply: { created: true },
        };
      case 'create':
        requireRole(stampOf(ctx).role, 'tech_admin');
        if (state.users[cmd.user.login]) throw new CourtRejected('USER_EXISTS', { login: cmd.user.login });
        return { events: [{ type: 'user-created', ...cmd.user, password: cmd.password }], reply: view(cmd.user.login, { ...cmd.user, active: true, password: cmd.password }) };
      case 'set-password': {
        requireRole(stampOf(ctx).role, 'tech_admin');
        const u = state.users[cmd.login];
        if (!u) throw new CourtRejected('USER_NOT_FOUND', { login: cmd.login });
        // A changed password ends every session opened with the old one (whoever knew it is out).
        return { events: [{ type: 'password-set', login: cmd.login, password: cmd.password }, revokeAll(cmd.login, u, 'password-changed')], reply: { changed: true, tokensRevoked: true } };
      }
      case 'change-own-password': {
        // Only for oneself: the node checked the current password of the authenticated author.
        if (stampOf(ctx).login !== cmd.login) throw new CourtRejected('FORBIDDEN', { login: cmd.login });
        const u = state.users[cmd.login];
        if (!u || !u.active) throw new CourtRejected('USER_NOT_FOUND', { login: cmd.login });
        return { events: [{ type: 'password-set', login: cmd.login, password: cmd.password }, revokeAll(cmd.login, u, 'password-changed')], reply: { changed: true, tokensRevoked: true } };
      }
      case 'set-role': {
        requireRole(stampOf(ctx).role, 'tech_admin');
        const u = state.users[cmd.login];
        if (!u) throw new CourtRejected('USER_NOT_FOUND', { login: cmd.login });
        if (u.role === cmd.role) throw new CourtRejected('NO_CHANGE', { role: cmd.role });
        // Засади 2.1: rights follow the head of staff's order, recorded; sessions opened under the old rights end.
        return {
          events: [{ type: 'role-changed', login: cmd.login, from: u.role, role: cmd.role, order: cmd.order }, revokeAll(cmd.login, u, 'role-changed')],
          reply: { login: cmd.login, role: cmd.role, tokensRevoked: true },
        };
      }
      case 'disable':
        requireRole(stampOf(ctx).role, 'tech_admin');
        if (!state.users[cmd.login]) throw new CourtRejected('USER_NOT_FOUND', { login: cmd.login });
        // Засади 2.1: access is withdrawn by an order of the head of staff, which is recorded.
        return { events: [{ type: 'user-disabled', login: cmd.login, order: cmd.order, reason: cmd.reason }], reply: { disabled: true } };
      case 'credentials': {
        const u = state.users[cmd.login];
        return { reply: u && u.active ? { login: cmd.login, role: u.role, password: u.password, generation: generationOf(u) } : null };
      }
      case 'issue-token': {
        const u = state.users[cmd.login];
        if (!u || !u.active) throw new CourtRejected('BAD_CREDENTIALS');
        // The password was checked against credentials read before; changed since → that check no longer holds.
        if (cmd.generation !== undefined && cmd.generation !== generationOf(u)) throw new CourtRejected('BAD_CREDENTIALS');
        return { events: [{ type: 'token-issued', login: cmd.login, tokenHash: cmd.tokenHash, expiresAt: cmd.expiresAt, at: ctx.now, generation: generationOf(u) }], reply: { issued: true } };
      }
      case 'revoke-token':
        if (!state.tokens[cmd.tokenHash]) return { reply: { revoked: false } };
        return { events: [{ type: 'token-revoked', tokenHash: cmd.tokenHash }], reply: { revoked: true } };
      case 'authenticate': {
        const t = state.tokens[cmd.tokenHash];
        const u = t ? state.users[t.login] : undefined;
        if (!t || !u || !u.active || t.expiresAt <= ctx.now || generationOf(t) !== generationOf(u)) throw new CourtRejected('TOKEN_INVALID');
        const principal: PrincipalV1 = { login: t.login, role: u.role, fullName: u.fullName };
        return { reply: principal };
      }
      case 'list':
        return { reply: Object.entries(state.users).map(([login, u]) => view(login, u)) };
      case 'status':
        return { reply: { users: Object.keys(state.users).length, tokens: Object.keys(state.tokens).length } };
    }
  },

  evolve(state, e) {
    switch (e.type) {
      case 'user-created': {
        const u: User = { fullName: e.fullName, role: e.role, active: true, password: e.password };
        if (e.order) u.order = e.order;
        return { ...state, users: { ...state.users, [e.login]: u } };
      }
      case 'password-set':
        return { ...state, users: { ...state.users, [e.login]: { ...state.users[e.login]!, password: e.password } } };
      case 'user-disabled': {
        const tokens = Object.fromEntries(Object.entries(state.tokens).filter(([, t]) => t.login !== e.login));
        return { users: { ...state.users, [e.login]: { ...state.users[e.login]!, active: false } }, tokens };
      }
      case 'role-changed':
        return { ...state, users: { ...state.users, [e.login]: { ...state.users[e.login]!, role: e.role, order: e.order } } };
      case 'tokens-revoked': {
        const tokens = Object.fromEntries(Object.entries(state.tokens).filter(([, t]) => t.login !== e.login));
        return { users: { ...state.users, [e.login]: { ...state.users[e.login]!, generation: e.generation } }, tokens };
      }
      case 'token-issued': {
        // Expired tokens are dropped as new ones come: the state stays as small as the active sessions.
        const tokens = Object.fromEntries(Object.entries(state.tokens).filter(([, t]) => t.expiresAt > e.at));
        tokens[e.tokenHash] = e.generation ? { login: e.login, expiresAt: e.expiresAt, generation: e.generation } : { login: e.login, expiresAt: e.expiresAt };
        return { ...state, tokens };
      }
      case 'token-revoked': {
        const { [e.tokenHash]: _gone, ...tokens } = state.tokens;
        return { ...state, tokens };
      }
    }
  },
};

function requireRole(role: string, needed: RoleV1): void {
  // The HTTP layer checks first; the actor checks again so that no other caller bypasses it.
  if (role !== needed) throw new CourtRejected('FORBIDDEN', { needed });
}

function view(login: string, u: User): UserViewV1 {
  const v: UserViewV1 = { login, fullName: u.fullName, role: u.role, active: u.active };
  if (u.order) v.order = u.order;
  return v;
}
