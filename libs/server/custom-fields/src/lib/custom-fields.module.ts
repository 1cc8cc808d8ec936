import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CustomFieldDefinitionsCache } from './custom-field-definitions.store';
import { CustomFieldQueryMiddleware } from './custom-field-query.middleware';
import { CustomFieldsController } from './custom-fields.controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';
import { CustomFieldsValidator } from './custom-fields.validator';

/** Custom field definitions, and the validator the record modules use on every write. */
@Module({
  controllers: [CustomFieldsController],
  providers: [CustomFieldsService, CustomFieldsRepository, CustomFieldsValidator, CustomFieldDefinitionsCache],
  exports: [CustomFieldsValidator, CustomFieldsRepository],
})
export class CustomFieldsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CustomFieldQueryMiddleware).forRoutes(...['accounts', 'contacts', 'deals', 'tasks', 'tasks/mine'].map((path) => ({ path, method: RequestMethod.GET })));
  }
}
