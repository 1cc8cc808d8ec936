// Writes the API's OpenAPI document to a file without a database or Redis: the Nest app is
// created in preview mode (modules scanned, nothing instantiated or connected).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { buildOpenApiDocument, setApiPrefix } from '@clockwork/server-core';
import { AppModule } from '../../apps/api/src/app/app.module';

export async function exportOpenApiDocument(file: string): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  setApiPrefix(app);
  const document = buildOpenApiDocument(app);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

if (require.main === module) {
  const file = process.argv[2] ?? 'libs/api-client/openapi.json';
  exportOpenApiDocument(file)
    .then(() => console.log(`OpenAPI document written to ${file}`))
    .catch((e: Error) => {
      console.error(e);
      process.exit(1);
    });
}
