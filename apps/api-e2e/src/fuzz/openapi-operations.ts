import type { Schema } from './schema-arbitrary';

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  body?: Schema;
  /** multipart/form-data uploads: fuzzed with JSON bodies only (they must refuse them cleanly). */
  multipart: boolean;
  responses: Record<string, Schema | undefined>;
}

interface RawOperation {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** Every operation of a dereferenced OpenAPI document, in a stable order. */
export function operationsOf(doc: { paths: Record<string, Record<string, RawOperation>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const params = raw.parameters ?? [];
      const content = raw.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        operationId: raw.operationId,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' }, required: !!p.required })),
        body: content['application/json']?.schema,
        multipart: !!content['multipart/form-data'],
        responses: Object.fromEntries(Object.entries(raw.responses).map(([status, r]) => [status, r.content?.['application/json']?.schema])),
      });
    }
  }
  return ops.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
