export * from './lib/contacts.module';
export * from './lib/contacts.repository';
export * from './lib/contacts.service';
export * from './lib/contact.mapper';
