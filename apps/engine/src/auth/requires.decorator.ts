import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@kizuna/shared';

export const REQUIRED_PERMISSION = 'kizuna:requiredPermission';

/**
 * The permission a route needs (on a controller: for all its routes, unless a route names its own).
 * A route that is neither @Public() nor @Requires(...) answers 403 to everyone: forgetting to
 * declare fails closed, and the route-enumeration test names the route.
 */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
