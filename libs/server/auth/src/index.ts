export * from './lib/auth.module';
export * from './lib/access.guard';
export * from './lib/password.hasher';
export * from './lib/tokens.service';
export * from './lib/auth.service';
export * from './lib/users-auth.repository';
export * from './lib/user.mapper';
export * from './lib/principal-cache';
