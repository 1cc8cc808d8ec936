import { Global, Module } from '@nestjs/common';
import { EncryptedFields } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';
import { SealedColumns } from './sealed-columns.cipher';

/**
 * Field encryption for every domain module (FieldCipher reads ENCRYPTION_KEYS from Env);
 * EncryptedFields applies it to the registered columns (encrypted-columns.config.ts); SealedColumns to
 * the copies kept by the event and webhook machinery.
 */
@Global()
@Module({ providers: [FieldCipher, EncryptedFields, SealedColumns], exports: [FieldCipher, EncryptedFields, SealedColumns] })
export class CryptoModule {}
