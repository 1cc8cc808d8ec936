export * from './lib/accounts.module';
export * from './lib/accounts.repository';
export * from './lib/accounts.service';
export * from './lib/account.mapper';
