import { Global, Module } from '@nestjs/common';
import { EncryptedFields } from './encrypted-fields';
import { FieldCipher } from './field-cipher';

/**
 * Field encryption for every domain module (FieldCipher reads ENCRYPTION_KEYS from Env);
 * EncryptedFields applies it to the registered columns (encrypted-columns.ts).
 */
@Global()
@Module({ providers: [FieldCipher, EncryptedFields], exports: [FieldCipher, EncryptedFields] })
export class CryptoModule {}
