/**
 * A small hand-written schema language for the notebook file: enough to validate JSON with
 * errors that name the path, the rule and the value found, and to order keys when saving.
 */
import type { NotebookIssue } from './errors.ts';

export type Schema =
  | StringSchema
  | NumberSchema
  | EnumSchema
  | ArraySchema
  | ObjectSchema
  | TaggedUnionSchema
  | NullableSchema
  | BooleanSchema;

export interface StringSchema {
  kind: 'string';
  minLength?: number;
  pattern?: RegExp;
  /** Extra check run after the pattern, such as "the date exists". */
  check?: (value: string) => boolean;
  /** Description used in errors, such as "a sha256 digest (64 lowercase hex digits)". */
  description?: string;
}

export interface NumberSchema {
  kind: 'number';
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface EnumSchema {
  kind: 'enum';
  values: readonly string[];
}

export interface ArraySchema {
  kind: 'array';
  items: Schema;
}

/** An object with exactly these fields, all required; the field order is the saved key order. */
export interface ObjectSchema {
  kind: 'object';
  fields: Record<string, Schema>;
}

/** Objects distinguished by a string field (`tag`), such as cells by their `type`. */
export interface TaggedUnionSchema {
  kind: 'tagged';
  tag: string;
  variants: Record<string, ObjectSchema>;
}

export interface BooleanSchema {
  kind: 'boolean';
}

/** A value that may be null or else must match `inner`. */
export interface NullableSchema {
  kind: 'nullable';
  inner: Schema;
}

/** Builds an object schema that lists every field of `T` and no other. */
export function objectSchema<T>(fields: { [K in keyof T]-?: Schema }): ObjectSchema {
  return { kind: 'object', fields: fields as Record<string, Schema> };
}

/** Describes what a schema accepts, for error messages ("a number in [0, 1]"). */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      if (schema.description !== undefined) return schema.description;
      return schema.minLength !== undefined && schema.minLength > 0
        ? 'a non-empty string'
        : 'a string';
    case 'number':
      return describeNumber(schema);
    case 'enum':
      return `one of ${schema.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'array':
      return 'an array';
    case 'object':
      return `an object with ${Object.keys(schema.fields).join(', ')}`;
    case 'tagged':
      return `an object whose ${schema.tag} is one of ${Object.keys(schema.variants).join(', ')}`;
    case 'nullable':
      return `null or ${describeSchema(schema.inner)}`;
    case 'boolean':
      return 'true or false';
  }
}

function describeNumber(schema: NumberSchema): string {
  const noun = schema.integer === true ? 'an integer' : 'a number';
  if (schema.min !== undefined && schema.max !== undefined) {
    return `${noun} in [${schema.min}, ${schema.max}]`;
  }
  if (schema.min !== undefined) return `${noun} >= ${schema.min}`;
  if (schema.max !== undefined) return `${noun} <= ${schema.max}`;
  return noun;
}

/** Describes a JSON value in a few words for "found ..." in error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';

  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates `value` against `schema`, appending one issue per failed check to `issues`. */
export function validateSchema(
  schema: Schema,
  value: unknown,
  path: string,
  issues: NotebookIssue[],
): void {
  const mismatch = (): void => {
    issues.push({
      path,
      message: `${path} must be ${describeSchema(schema)}, found ${describeValue(value)}.`,
    });
  };

  switch (schema.kind) {
    case 'string':
      if (!isValidString(schema, value)) mismatch();
      return;
    case 'number':
      if (!isValidNumber(schema, value)) mismatch();
      return;
    case 'enum':
      if (typeof value !== 'string' || !schema.values.includes(value)) mismatch();
      return;
    case 'array':
      if (!Array.isArray(value)) return mismatch();
      value.forEach((item, index) => {
        validateSchema(schema.items, item, joinPath(path, index), issues);
      });
      return;
    case 'object':
      if (!isPlainObject(value)) return mismatch();
      validateFields(schema, value, path, issues);
      return;
    case 'tagged':
      validateTagged(schema, value, path, issues);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch();
      return;
    case 'nullable':
      if (value === null) return;
      if (!isValidScalar(schema.inner, value)) return mismatch();
      validateSchema(schema.inner, value, path, issues);
      return;
  }
}

/** Checks a scalar inner schema here, so that its error names the null alternative too. */
function isValidScalar(schema: Schema, value: unknown): boolean {
  if (schema.kind === 'string') return isValidString(schema, value);
  if (schema.kind === 'number') return isValidNumber(schema, value);
  return true;
}

function isValidString(schema: StringSchema, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.pattern !== undefined && !schema.pattern.test(value)) return false;
  return schema.check === undefined || schema.check(value);
}

function isValidNumber(schema: NumberSchema, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (schema.integer === true && !Number.isInteger(value)) return false;
  if (schema.min !== undefined && value < schema.min) return false;
  return schema.max === undefined || value <= schema.max;
}

function validateFields(
  schema: ObjectSchema,
  value: Record<string, unknown>,
  path: string,
  issues: NotebookIssue[],
): void {
  for (const [key, fieldSchema] of Object.entries(schema.fields)) {
    validateSchema(fieldSchema, value[key], joinPath(path, key), issues);
  }

  const known = Object.keys(schema.fields);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    issues.push({
      path: joinPath(path, key),
      message:
        `${joinPath(path, key)} is not a notebook field; remove it or fix its spelling ` +
        `(fields here: ${known.join(', ')}).`,
    });
  }
}

function validateTagged(
  schema: TaggedUnionSchema,
  value: unknown,
  path: string,
  issues: NotebookIssue[],
): void {
  if (!isPlainObject(value)) {
    issues.push({ path, message: `${path} must be an object, found ${describeValue(value)}.` });
    return;
  }

  const tag = value[schema.tag];
  const variant = typeof tag === 'string' ? schema.variants[tag] : undefined;
  if (variant === undefined) {
    const tagPath = joinPath(path, schema.tag);
    const allowed = Object.keys(schema.variants).map((name) => JSON.stringify(name));
    issues.push({
      path: tagPath,
      message:
        `${tagPath} must be one of ${allowed.join(', ')}, found ${describeValue(tag)}. ` +
        'A newer PerfLens may have written this cell type.',
    });
    return;
  }

  validateFields(variant, value, path, issues);
}

/**
 * Copies a valid value with object keys in schema order, so that saving the same notebook always
 * gives the same bytes whatever order its objects were built in.
 */
export function orderKeys(schema: Schema, value: unknown): unknown {
  if (schema.kind === 'nullable') return value === null ? null : orderKeys(schema.inner, value);

  if (schema.kind === 'array' && Array.isArray(value)) {
    return value.map((item) => orderKeys(schema.items, item));
  }

  let objectSchemaOfValue: ObjectSchema | undefined;
  if (schema.kind === 'object') objectSchemaOfValue = schema;
  if (schema.kind === 'tagged' && isPlainObject(value)) {
    objectSchemaOfValue = schema.variants[String(value[schema.tag])];
  }
  if (objectSchemaOfValue === undefined || !isPlainObject(value)) return value;

  const ordered: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(objectSchemaOfValue.fields)) {
    ordered[key] = orderKeys(fieldSchema, value[key]);
  }
  return ordered;
}
