// The typed client of the Clockwork CRM API, generated from its OpenAPI document by
// `npm run openapi`. Everything under ./generated is machine-written: never edit it by hand.
export * from './generated';
export { client } from './generated/client.gen';
export { configureApiClient } from './configure';
