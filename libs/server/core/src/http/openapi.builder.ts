import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponseDto } from '@clockwork/shared-dto';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `HealthController.check` -> `healthCheck`: operation ids that read well in the client. */
export function operationId(controllerKey: string, methodKey: string): string {
  return lowerFirst(controllerKey.replace(/Controller$/, '')) + upperFirst(methodKey);
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Clockwork CRM API')
    .setDescription(
      'Accounts, contacts, deals, tasks and the time the productivity agents record, mapped to customer work. ' +
        'JSON with snake_case fields; errors are `{ statusCode, error, message, details? }`. ' +
        'Any operation may answer 503 with `Retry-After` when the server is at its bound of requests in progress: nothing was done, send it again after that many seconds.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access token (JWT) or API key (ck_...)' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationId,
    extraModels: [ErrorResponseDto],
  });
}
