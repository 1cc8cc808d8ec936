import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, decodeCursor, RequestContext, toPage } from '@clockwork/server-core';
import { PasswordHasher, PasswordStrength, PrincipalCache, toUserDto, TokensService } from '@clockwork/server-auth';
import type { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from '@clockwork/shared-dto';
import type { User } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';

const snapshot = (u: User) => ({ name: u.name, email: u.email, role: u.role, linked_employee_id: u.linkedEmployeeId, is_active: u.isActive });

/** People of the caller's organization: admins create, change roles, link employees, deactivate. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly principals: PrincipalCache,
    private readonly strength: PasswordStrength,
  ) {}

  async me(): Promise<UserDto> {
    return toUserDto(await this.users.getById(this.context.principal?.id ?? ''));
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.users.getById(id));
  }

  async list(query: UserQueryDto): Promise<UserPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.users.listPage({ role: query.role }, limit + 1, query.cursor ? decodeCursor(query.cursor, { cast: 'timestamptz' }) : null);
    return toPage(rows, limit, (u) => ({ value: u.createdAt.toISOString(), id: u.id }), toUserDto);
  }

  /**
   * Deprecated (kept for API clients and scripts): the admin chooses the password. People are
   * invited instead (InvitationsService), and set their own.
   */
  async create(dto: CreateUserDto): Promise<UserDto> {
    this.strength.assertStrong('password', dto.password, [dto.email, dto.name]);
    const passwordHash = await this.hasher.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.emailTaken(manager, dto.email)) throw new ConflictException('A user with this email already exists');
      const user = await this.users.insert(manager, {
        name: dto.name,
        email: dto.email,
        passwordHash,
        role: dto.role,
        linkedEmployeeId: dto.linked_employee_id ?? null,
      });
      await this.audit.record(manager, { action: 'create', objectType: 'user', objectId: user.id, before: null, after: snapshot(user) });
      return toUserDto(user);
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.users.lockById(manager, id);
      if (dto.linked_employee_id) await this.assertEmployeeFree(manager, id, dto.linked_employee_id);
      const after = await this.users.updateById(manager, id, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.role !== undefined && { role: dto.role }),
        ...(dto.linked_employee_id !== undefined && { linkedEmployeeId: dto.linked_employee_id }),
        ...(dto.is_active !== undefined && { isActive: dto.is_active }),
        version: () => 'version + 1',
      });
      await this.keepAnAdmin(manager, before, after);
      if (before.isActive && !after.isActive) await this.tokens.revokeAllOfUser(manager, after.organizationId, after.id);
      const action = before.role !== after.role ? 'role_change' : before.isActive !== after.isActive ? (after.isActive ? 'activate' : 'deactivate') : 'update';
      await this.audit.record(manager, { action, objectType: 'user', objectId: id, before: snapshot(before), after: snapshot(after) });
      if (after.linkedEmployeeId && after.linkedEmployeeId !== before.linkedEmployeeId) await this.backfill(manager, after.id, after.linkedEmployeeId);
      return toUserDto(after);
    });
    // PostgreSQL announces the change to every api process; this one need not wait for it.
    this.principals.forget(this.context.organizationId, id);
    return updated;
  }

  /** An employee id is linked to one user at most: 409 naming the field when another user holds it. */
  private async assertEmployeeFree(manager: EntityManager, userId: string, employeeId: string): Promise<void> {
    const holder = await this.users.findByEmployee(manager, employeeId);
    if (holder && holder.id !== userId) {
      const message = `linked_employee_id is already linked to ${holder.name}`;
      throw new ConflictException({ message, details: [{ field: 'linked_employee_id', errors: [message] }] });
    }
  }

  /** Time entries of the employee id ingested before the link (no user) become the user's; one audit row counts them. */
  private async backfill(manager: EntityManager, userId: string, employeeId: string): Promise<void> {
    const entries = await this.users.backfillEmployeeEntries(manager, userId, employeeId);
    if (entries > 0) await this.audit.record(manager, { action: 'time_entries_link', objectType: 'user', objectId: userId, details: { employee_id: employeeId, entries } });
  }

  /** An organization never loses its last active admin (nobody could manage it any more). */
  private async keepAnAdmin(manager: EntityManager, before: User, after: User): Promise<void> {
    const wasAdmin = before.role === 'admin' && before.isActive;
    const isAdmin = after.role === 'admin' && after.isActive;
    if (wasAdmin && !isAdmin && (await this.users.countActiveAdmins(manager)) === 0) {
      throw new BadRequestException('An organization needs at least one active admin');
    }
  }
}
