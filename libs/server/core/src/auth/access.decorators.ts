import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto, Role, ROLES } from '@clockwork/shared-dto';

export const ACCESS_KEY = 'clockwork:access';

export type Access =
  | { kind: 'public' }
  | { kind: 'roles'; roles: readonly Role[]; usersOnly: boolean };

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);

/**
 * Signed-in users and API keys with one of these roles may call this route. Every route must
 * say who may use it (Public or Roles); one that does not is refused at boot.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'roles', roles, usersOnly: false } satisfies Access),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No or invalid credentials' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The role may not use this route' }),
  );

/** Any role, users and API keys alike. */
export const AnyRole = () => Roles(...ROLES);

/** Like Roles, but API keys are refused: for managing people, keys and sessions. */
export const UsersOnly = (...roles: Role[]) =>
  applyDecorators(
    Roles(...roles),
    SetMetadata(ACCESS_KEY, { kind: 'roles', roles, usersOnly: true } satisfies Access),
  );
