import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ajv, type AnySchema, type Logger } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ENDPOINTS } from '../../fixtures/access/endpoints';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { ownOpenApi, ownOpenApiAjv, ownSchemaRef } from '../../fixtures/schemas';

/**
 * Every schema the project ships compiles with ajv in strict mode, without a warning: a keyword
 * ajv would have to guess about (a `required` without `type: object`, a union type, an unknown
 * keyword) is a schema a reader may understand otherwise than the harness does. The OpenAPI
 * document's schema objects are compiled as fixtures/schemas.ts compiles them for the checks. The
 * JSON schemas also name each endpoint, which the Endpoint table holds: they must name the same.
 */

const SCHEMAS = join(PROJECT_ROOT, 'schemas');

/** A logger that keeps what ajv says instead of printing it. */
function recording(): { logger: Logger; said: string[] } {
  const said: string[] = [];
  const keep =
    (level: string) =>
    (...args: unknown[]) =>
      said.push(`${level}: ${args.map(String).join(' ')}`);
  return { logger: { log: keep('log'), warn: keep('warn'), error: keep('error') }, said };
}

/** Compiles a JSON Schema file's content with the ajv of its dialect, strict; what ajv said besides. */
function compileStrict(schema: { $schema?: string }, logger: Logger): void {
  const dialect = schema.$schema ?? '';
  const ajv = dialect.includes('2020-12')
    ? new Ajv2020({ strict: true, logger })
    : dialect.includes('draft-07')
      ? new Ajv({ strict: true, logger })
      : undefined;
  if (!ajv) throw new Error(`$schema ${JSON.stringify(dialect)} is neither draft-07 nor 2020-12`);
  addFormats(ajv);
  ajv.compile(schema as AnySchema);
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON pointers of every schema object the OpenAPI document carries: components.schemas and each `schema` under paths. */
function schemaPointers(node: unknown, pointer: string, out: string[]): string[] {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key === 'schema') out.push(here);
    else schemaPointers(value, here, out);
  }
  return out;
}

test('the check itself: a strict compile refuses a required beside a $ref without type object', () => {
  const { logger, said } = recording();
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { login: { $ref: '#/definitions/client', required: ['redirect_uri'] } },
    definitions: { client: { type: 'object', properties: { redirect_uri: { type: 'string' } } } },
  };
  expect(() => compileStrict(schema, logger)).toThrow(/strict mode: missing type "object" for keyword "required"/);
  expect(said).toEqual([]);
});

const files = readdirSync(SCHEMAS).sort();

test('schemas/ holds only JSON Schema files and the OpenAPI document', () => {
  expect(files.filter((f) => extname(f) !== '.json' && f !== 'openapi.yaml')).toEqual([]);
});

for (const file of files.filter((f) => extname(f) === '.json')) {
  test(`${file} compiles strictly, without a warning`, () => {
    const { logger, said } = recording();
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as { $schema?: string };
    compileStrict(schema, logger);
    expect(said).toEqual([]);
  });
}

test('every schema object of openapi.yaml compiles strictly, as the checks compile it, without a warning', () => {
  const { logger, said } = recording();
  const ajv = ownOpenApiAjv(logger);
  const document = ownOpenApi();
  const pointers = [
    ...Object.keys(document.components?.schemas ?? {}).map((name) => `/components/schemas/${escapePointer(name)}`),
    ...schemaPointers(document.paths, '/paths', []),
  ];
  expect(pointers.length, 'the document carries schema objects').toBeGreaterThan(5);
  for (const pointer of pointers) expect(ajv.getSchema(ownSchemaRef(pointer)), pointer).toBeDefined();
  expect(said).toEqual([]);
});

test('the schemas name the endpoints of the Endpoint table: report endpoints, profiles, id prefixes, static-mode revokers', () => {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8'));
  const report = read('conformance-report.schema.json') as {
    $defs: { endpoint: { enum: string[] }; id: { pattern: string } };
    properties: { target: { properties: { profiles: { required: string[] } } } };
  };
  const names = ENDPOINTS.map((e) => e.name);
  expect(report.$defs.endpoint.enum).toEqual(names);
  expect(report.properties.target.properties.profiles.required).toEqual(names);
  expect(report.$defs.id.pattern).toMatch(new RegExp(`^\\^\\(${ENDPOINTS.map((e) => e.idPrefix).join('\\|')}\\)-`));
  const target = read('target-file.schema.json') as { properties: { clients: { properties: Record<string, unknown> } } };
  const clients = Object.keys(target.properties.clients.properties);
  for (const endpoint of ENDPOINTS)
    expect(clients, endpoint.name).toEqual(expect.arrayContaining([endpoint.staticRevokers.basic, endpoint.staticRevokers.post]));
});
