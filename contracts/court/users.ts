/**
 * Users, roles and tokens of a court node (Засади 2.1), version 1. Password
 * hashes (scrypt) and token hashes (SHA-256) are made by the node before the
 * `users` actor sees them: no secret in clear reaches the journal.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocRefV1, LoginV1, RoleV1, Text, strictObject } from './common.ts';

export const PasswordV1 = Type.String({ minLength: 10, maxLength: 200, description: 'at least 10 characters' });

export const ScryptHashV1 = strictObject({
  alg: Type.Literal('scrypt'),
  N: Type.Integer({ minimum: 1024 }),
  r: Type.Integer({ minimum: 1 }),
  p: Type.Integer({ minimum: 1 }),
  keyLen: Type.Integer({ minimum: 16, maximum: 128 }),
  salt: Type.String({ maxLength: 100 }),
  hash: Type.String({ maxLength: 300 }),
});
export type ScryptHashV1 = Static<typeof ScryptHashV1>;

export const TokenHashV1 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** POST /auth/login */
export const LoginBodyV1 = strictObject({ login: LoginV1, password: Type.String({ minLength: 1, maxLength: 200 }) });
export const TokenReplyV1 = strictObject({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresAt: Type.String(), login: LoginV1, role: RoleV1 });

/** POST /users (tech_admin). Rights come from an order of the head of staff (Засади 2.1). */
export const CreateUserBodyV1 = strictObject({
  login: LoginV1,
  fullName: Text(200),
  role: RoleV1,
  password: PasswordV1,
  order: DocRefV1,
});
export type CreateUserBodyV1 = Static<typeof CreateUserBodyV1>;
export const SetPasswordBodyV1 = strictObject({ password: PasswordV1 });
/** POST /auth/password: a user changes their own password (the current one proves it is them). */
export const ChangeOwnPasswordBodyV1 = strictObject({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: PasswordV1 });
/** POST /users/:login/role (tech_admin): a new role, by an order of the head of staff (Засади 2.1). */
export const SetRoleBodyV1 = strictObject({ role: RoleV1, order: DocRefV1 });
export type SetRoleBodyV1 = Static<typeof SetRoleBodyV1>;
export const DisableUserBodyV1 = strictObject({ order: DocRefV1, reason: Text(1000) });

export const UserViewV1 = strictObject({
  login: LoginV1,
  fullName: Type.String(),
  role: RoleV1,
  active: Type.Boolean(),
  order: Type.Optional(DocRefV1),
});
export type UserViewV1 = Static<typeof UserViewV1>;

export const UsersCommandV1 = Type.Union([
  /** First start only: creates the tech_admin when there are no users. */
  strictObject({ type: Type.Literal('bootstrap'), login: LoginV1, password: ScryptHashV1 }),
  strictObject({ type: Type.Literal('create'), user: strictObject({ login: LoginV1, fullName: Text(200), role: RoleV1, order: DocRefV1 }), password: ScryptHashV1 }),
  strictObject({ type: Type.Literal('set-password'), login: LoginV1, password: ScryptHashV1 }),
  /** The user's own change, after the node checked the current password; author = login. */
  strictObject({ type: Type.Literal('change-own-password'), login: LoginV1, password: ScryptHashV1 }),
  strictObject({ type: Type.Literal('set-role'), login: LoginV1, role: RoleV1, order: DocRefV1 }),
  strictObject({ type: Type.Literal('disable'), login: LoginV1, order: DocRefV1, reason: Text(1000) }),
  strictObject({ type: Type.Literal('credentials'), login: LoginV1 }),
  /** `generation`: the user's token generation the credentials were read at — a password or role changed since refuses the token. */
  strictObject({ type: Type.Literal('issue-token'), login: LoginV1, tokenHash: TokenHashV1, expiresAt: Type.Integer(), generation: Type.Optional(Type.Integer({ minimum: 0 })) }),
  strictObject({ type: Type.Literal('revoke-token'), tokenHash: TokenHashV1 }),
  strictObject({ type: Type.Literal('authenticate'), tokenHash: TokenHashV1 }),
  strictObject({ type: Type.Literal('list') }),
  strictObject({ type: Type.Literal('status') }),
]);
export type UsersCommandV1 = Static<typeof UsersCommandV1>;

export const PrincipalV1 = strictObject({ login: LoginV1, role: RoleV1, fullName: Type.String() });
export type PrincipalV1 = Static<typeof PrincipalV1>;
