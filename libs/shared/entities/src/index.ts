export * from './lib/tenant-base.entity';
export * from './lib/organization.entity';
export * from './lib/outbox-event.entity';
export * from './lib/account.entity';
export * from './lib/contact.entity';
export * from './lib/entities';
export * from './migrations';
