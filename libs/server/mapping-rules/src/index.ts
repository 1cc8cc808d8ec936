export * from './lib/mapping-rules.module';
export * from './lib/mapping-rule-source.module';
export * from './lib/mapping-rules.service';
export * from './lib/mapping-rules.repository';
export * from './lib/mapping-rule.mapper';
export * from './lib/assignment-targets';
export * from './lib/rule-matcher';
export * from './lib/stored-mapping-rule.source';
