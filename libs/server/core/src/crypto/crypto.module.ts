import { Global, Module } from '@nestjs/common';
import { EncryptedFields } from './encrypted-fields';
import { FieldCipher } from './field-cipher';
import { SealedColumns } from './sealed-columns';

/**
 * Field encryption for every domain module (FieldCipher reads ENCRYPTION_KEYS from Env);
 * EncryptedFields applies it to the registered columns (encrypted-columns.ts); SealedColumns to
 * the copies kept by the event and webhook machinery.
 */
@Global()
@Module({ providers: [FieldCipher, EncryptedFields, SealedColumns], exports: [FieldCipher, EncryptedFields, SealedColumns] })
export class CryptoModule {}
