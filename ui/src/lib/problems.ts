import type { FieldError } from './types';

export interface MappedErrors {
  /** errors with a line in the YAML text, by line number (1-based) */
  byLine: Map<number, FieldError[]>;
  /** errors naming a form field (path) */
  byPath: Map<string, FieldError[]>;
  /** errors that name nothing the form shows: shown above the form */
  general: FieldError[];
}

/**
 * Puts each problem+json error next to what it names: a line of the Compose text, or a form field.
 * A path like "services.web.image" also matches the form field "images.web" (the image-tag form).
 */
export function mapErrors(
  errors: FieldError[] | null | undefined,
  fields: string[] = [],
  lineCount = Infinity,
): MappedErrors {
  const byLine = new Map<number, FieldError[]>();
  const byPath = new Map<string, FieldError[]>();
  const general: FieldError[] = [];
  for (const e of errors ?? []) {
    const field = e.path ? matchField(e.path, fields) : undefined;
    if (field) {
      push(byPath, field, e);
    } else if (typeof e.line === 'number' && e.line >= 1 && e.line <= lineCount) {
      push(byLine, e.line, e);
    } else {
      general.push(e);
    }
  }
  return { byLine, byPath, general };
}

function matchField(path: string, fields: string[]): string | undefined {
  if (fields.includes(path)) return path;
  const m = /^services\.([^.]+)\.image$/.exec(path);
  if (m && fields.includes(`images.${m[1]}`)) return `images.${m[1]}`;
  const r = /^services\.([^.]+)\.(deploy\.)?replicas$/.exec(path);
  if (r && fields.includes(`replicas.${r[1]}`)) return `replicas.${r[1]}`;
  return fields.find((f) => path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
}

function push<K>(map: Map<K, FieldError[]>, key: K, e: FieldError) {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/** A one-line description of an error for a list: "services.web.build (line 4): not supported". */
export function describe(e: FieldError): string {
  const where = [e.path, e.line != null ? `line ${e.line}` : null].filter(Boolean);
  if (where.length === 0) return e.message;
  if (e.path && e.line != null) return `${e.path} (line ${e.line}): ${e.message}`;
  return `${where[0]}: ${e.message}`;
}
