/** People: accounts with a role, a presence colour and a password hash. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PRESENCE_COLORS, type PublicUser, type Role } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB, UsersTable } from '../db/schema.js';
import { hashPassword } from './passwords.js';

export function toPublicUser(row: UsersTable): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    color: row.color,
    disabled: Number(row.disabled) !== 0,
  };
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

/** The change would leave Copydesk without an active administrator. */
export class LastAdminError extends Error {
  override name = 'LastAdminError';
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  name?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
  color?: string | undefined;
}

export class UserRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: NewUser): Promise<PublicUser> {
    const email = input.email.trim().toLowerCase();
    if (await this.findByEmail(email)) throw new EmailTakenError(email);
    const count = await this.count();
    const now = nowIso();
    const row: UsersTable = {
      id: randomBytes(12).toString('base64url'),
      email,
      display_name: input.name.trim(),
      role: input.role,
      color: PRESENCE_COLORS[count % PRESENCE_COLORS.length]!,
      password_hash: await hashPassword(input.password),
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (err) {
      if (await this.findByEmail(email)) throw new EmailTakenError(email);
      throw err;
    }
    return toPublicUser(row);
  }

  findByEmail(email: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  }

  get(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<PublicUser[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('display_name').execute();
    return rows.map(toPublicUser);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Applies `patch` and returns the row as it was and the person as they are now (undefined for
   * an unknown id). Throws LastAdminError, changing nothing, when the patch would leave no
   * active admin. The check and the write are one transaction that first claims every active
   * admin's row with a write that changes nothing: a concurrent change to any admin waits for
   * it to commit (PostgreSQL's row locks; SQLite's single writer), and then reads who is an
   * admin after it. Two admins demoting each other at once cannot both succeed.
   */
  async update(id: string, patch: UserPatch): Promise<{ before: UsersTable; user: PublicUser } | undefined> {
    const set: Partial<UsersTable> = { updated_at: nowIso() };
    if (patch.name !== undefined) set.display_name = patch.name.trim();
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.color !== undefined) set.color = patch.color;
    // Hashed before the transaction: argon2 takes a while, and the transaction holds locks.
    if (patch.password !== undefined) set.password_hash = await hashPassword(patch.password);
    return this.db.transaction().execute(async (trx) => {
      const admins = await trx
        .updateTable('users')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .returning('id')
        .execute();
      const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) return undefined;
      const losesAdmin = admins.some((a) => a.id === id) && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
      if (losesAdmin && admins.length <= 1) throw new LastAdminError();
      await trx.updateTable('users').set(set).where('id', '=', id).execute();
      const after = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { before, user: toPublicUser(after) };
    });
  }
}
