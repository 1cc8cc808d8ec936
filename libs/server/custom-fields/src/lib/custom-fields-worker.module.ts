import { Module } from '@nestjs/common';
import { CustomFieldsCleanup } from './custom-fields.cleanup';

/** The worker side of custom fields: the purge of fields deleted more than 30 days ago. */
@Module({ providers: [CustomFieldsCleanup] })
export class CustomFieldsWorkerModule {}
