/**
 * Request validation with type coercion where it belongs. Query strings, path parameters, headers and
 * multipart form fields arrive as text, so `?limit=10` must become 10 and `?status=open` a one-item
 * array; a JSON body has types of its own, and converting them hid mistakes (`{"members": true}` became
 * `[1]`, user 1 joined a team). So JSON bodies are validated by an Ajv without coercion, everything else
 * by one with coerceTypes 'array'. Both come from Fastify's own compiler pool (@fastify/ajv-compiler)
 * with the app's options.
 */
import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';

type ValidateFunction = ReturnType<ReturnType<BuildCompilerFromPool>>;

const FORM_FIELDS = Symbol('multipart form fields');

/**
 * Marks a body built from multipart/form-data text fields, which are validated with coercion like a
 * query string. The mark is a symbol property: invisible to the schema and to JSON.
 */
export function markAsFormFields<T extends object>(fields: T): T {
  Object.defineProperty(fields, FORM_FIELDS, { value: true, enumerable: false });
  return fields;
}

const isFormFields = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && FORM_FIELDS in data;

/**
 * One body validator: strict for JSON, coercing for form fields (compiled on first use: few routes take
 * forms, and start-up time matters); errors on itself like Ajv's.
 */
function bodyValidator(strict: ValidateFunction, compileCoercing: () => ValidateFunction): ValidateFunction {
  let coercing: ValidateFunction | null = null;
  const validate = (...args: Parameters<ValidateFunction>) => {
    const chosen = isFormFields(args[0]) ? (coercing ??= compileCoercing()) : strict;
    const result = chosen(...args);
    validate.errors = chosen.errors;
    return result;
  };
  validate.errors = null as ValidateFunction['errors'];
  validate.schema = strict.schema;
  return validate as unknown as ValidateFunction;
}

/**
 * A validator compiled on its first call (start-up compiles none: most routes are never called in a
 * process's first seconds); errors on itself like Ajv's.
 */
function lazyValidator(compile: () => ValidateFunction, schema: unknown): ValidateFunction {
  let compiled: ValidateFunction | null = null;
  const validate = (...args: Parameters<ValidateFunction>) => {
    const chosen = (compiled ??= compile());
    const result = chosen(...args);
    validate.errors = chosen.errors;
    return result;
  };
  validate.errors = null as ValidateFunction['errors'];
  validate.schema = schema;
  return validate as unknown as ValidateFunction;
}

/**
 * The compilersFactory.buildValidator of app.ts: strict JSON bodies, coerced everything else; compiled on
 * first use unless `eager` (tests compile every schema at start so a broken one fails there).
 */
export function validatorFactory(options: { eager?: boolean } = {}): BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas, ajvOptions) => {
    // Fastify passes its `ajv` server options: JSON Schema mode, never JTD.
    const { plugins, onCreate, customOptions } = ajvOptions?.mode === 'JTD' ? {} : (ajvOptions ?? {});
    const withCoercion = (coerceTypes: false | 'array') =>
      pool(externalSchemas, { plugins, onCreate, customOptions: { ...customOptions, coerceTypes } });
    const strict = withCoercion(false);
    const coercing = withCoercion('array');
    return (route) => {
      const compile = () =>
        route.httpPart === 'body' ? bodyValidator(strict(route), () => coercing(route)) : coercing(route);
      return options.eager ? compile() : lazyValidator(compile, route.schema);
    };
  };
}
