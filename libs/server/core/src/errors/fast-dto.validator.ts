import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import type { TransformFnParams } from 'class-transformer/types/interfaces';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its decorator metadata here; it exports no other way to read it.
const transformerMetadata = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata }).defaultMetadataStorage;

type Plain = Record<string, unknown>;
interface PropertyRules {
  transforms: ((params: TransformFnParams) => unknown)[];
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: { metadata: ValidationMetadata; validate: (value: unknown, args: ValidationArguments) => unknown }[];
}

/**
 * A validator of plain objects (a JSON body) against a DTO class, for the hot path of bulk
 * input: answers the DTO that plainToInstance gives when every one of the class's validators
 * passes with ValidationPipe's options (whitelist, forbidNonWhitelisted), else null. The rules
 * are the class's own decorators (its class-validator and @Transform metadata), run as
 * class-validator runs them, without building ValidationErrors. Null also for what this does
 * not cover (nested objects, asynchronous or nested validation, @Type/@Expose/@Exclude): the
 * caller then validates the usual way, which names the errors. `fields`: the validated
 * properties.
 */
export function fastDtoValidator<T extends object>(cls: new () => T): { fields: ReadonlySet<string>; check: (raw: Plain) => T | null } {
  const storage = getMetadataStorage();
  const rules = new Map<string, PropertyRules>();
  let covered = transformerMetadata.getExposedMetadatas(cls).length === 0 && transformerMetadata.getExcludedMetadatas(cls).length === 0;
  for (const metadata of storage.getTargetValidationMetadatas(cls, '', false, false)) {
    const property = metadata.propertyName;
    let rule = rules.get(property);
    if (!rule) {
      const transforms = transformerMetadata.findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS).map((t) => t.transformFn);
      if (transformerMetadata.findTypeMetadata(cls, property)) covered = false;
      rules.set(property, (rule = { transforms, conditions: [], checks: [] }));
    }
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) rule.conditions.push(metadata.constraints[0]);
    else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) covered = false;
        rule.checks.push({ metadata, validate: (value, args) => constraint.instance.validate(value, args) });
      }
    } else covered = false;
  }
  const fields: ReadonlySet<string> = new Set(rules.keys());
  if (!covered) return { fields, check: () => null };
  return {
    fields,
    check(raw) {
      try {
        const dto = toInstance(cls, raw, rules);
        return dto && passes(cls.name, dto, rules) ? (dto as T) : null;
      } catch {
        return null;
      }
    },
  };
}

/** plainToInstance for flat objects: own keys in order, @Transform functions, arrays copied; null for a nested object or an unknown key. */
function toInstance(cls: new () => object, raw: Plain, rules: Map<string, PropertyRules>): Plain | null {
  const dto = new cls() as Plain;
  for (const key of Object.keys(raw)) {
    const rule = rules.get(key);
    if (!rule) return null;
    let value = raw[key];
    for (const transformFn of rule.transforms) value = transformFn({ value, key, obj: raw, type: TransformationType.PLAIN_TO_CLASS, options: {} });
    if (value !== null && typeof value === 'object') {
      if (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object')) return null;
      value = [...value];
    }
    dto[key] = value;
  }
  return dto;
}

/** class-validator's ValidationExecutor.performValidations, answering only whether every check passed. */
function passes(targetName: string, dto: Plain, rules: Map<string, PropertyRules>): boolean {
  for (const [property, rule] of rules) {
    const value = dto[property];
    if (!rule.conditions.every((condition) => condition(dto, value))) continue;
    for (const { metadata, validate } of rule.checks) {
      if (metadata.validateIf && !metadata.validateIf(dto, value)) continue;
      const args: ValidationArguments = { targetName, property, object: dto, value, constraints: metadata.constraints };
      const collection = Array.isArray(value) || value instanceof Set || value instanceof Map;
      const results = metadata.each && collection ? [...(value instanceof Map ? value.values() : (value as Iterable<unknown>))].map((v) => validate(v, args)) : [validate(value, args)];
      if (!results.every((r) => r === true || (!!r && !(r instanceof Promise)))) return false;
    }
  }
  return true;
}
