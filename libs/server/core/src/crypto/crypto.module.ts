import { Global, Module } from '@nestjs/common';
import { FieldCipher } from './field-cipher';

/** Field encryption for every domain module (FieldCipher reads ENCRYPTION_KEYS from Env). */
@Global()
@Module({ providers: [FieldCipher], exports: [FieldCipher] })
export class CryptoModule {}
