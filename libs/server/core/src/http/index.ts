// HTTP: app configuration, OpenAPI document, public targets and body prechecks.
export * from './http-app.config';
export * from './openapi.builder';
export * from './public-target.validator';
export * from './body-precheck.middleware';
export * from './record-routes.decorators';
