// HTTP: app configuration, OpenAPI document, public targets and body prechecks.
export * from './configure-http-app';
export * from './openapi';
export * from './public-target';
export * from './body-precheck';
export * from './record-routes.decorators';
