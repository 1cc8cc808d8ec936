import { isoOrNull } from '@clockwork/server-core';
import type { OrganizationDto, UserDto } from '@clockwork/shared-dto';
import type { Organization, User } from '@clockwork/shared-entities';


/** The wire shape of a user: snake_case, never a password hash. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    organization_id: user.organizationId,
    name: user.name,
    email: user.email,
    role: user.role,
    linked_employee_id: user.linkedEmployeeId,
    is_active: user.isActive,
    last_login_at: isoOrNull(user.lastLoginAt),
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function toOrganizationDto(org: Organization): OrganizationDto {
  return { id: org.id, name: org.name, created_at: org.createdAt.toISOString() };
}
