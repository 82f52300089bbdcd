import type { AppSpec } from './types';

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffLine {
  path: string;
  kind: DiffKind;
  before?: string;
  after?: string;
}

/**
 * Flattens a spec into readable "path: value" pairs. Services are keyed by name (not list index)
 * so a reordered or added service does not shift every path; scalar lists stay on one line.
 */
export function flatten(value: unknown, prefix = '', out: Map<string, string> = new Map()) {
  if (value === null || value === undefined) {
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return out;
    const named = value.every((v) => v && typeof v === 'object' && typeof (v as any).name === 'string');
    if (named) {
      for (const v of value as Array<{ name: string }>) {
        const { name, ...rest } = v;
        flatten(rest, join(prefix, name), out);
      }
      return out;
    }
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out.set(prefix, value.map((v) => String(v)).join(' '));
      return out;
    }
    value.forEach((v, i) => flatten(v, join(prefix, String(i)), out));
    return out;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) {
      flatten(v, join(prefix, k), out);
    }
    return out;
  }
  out.set(prefix, String(value));
  return out;
}

function join(prefix: string, key: string) {
  return prefix ? `${prefix}.${key}` : key;
}

/** A readable diff between two specs: each changed path once, services first, in path order. */
export function diffSpecs(before: AppSpec | null | undefined, after: AppSpec | null | undefined): DiffLine[] {
  const a = flatten(strip(before));
  const b = flatten(strip(after));
  const paths = new Set([...a.keys(), ...b.keys()]);
  const lines: DiffLine[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === y) continue;
    if (x === undefined) lines.push({ path, kind: 'added', after: y });
    else if (y === undefined) lines.push({ path, kind: 'removed', before: x });
    else lines.push({ path, kind: 'changed', before: x, after: y });
  }
  return lines.sort((l, r) => rank(l.path) - rank(r.path) || l.path.localeCompare(r.path));
}

function rank(path: string) {
  if (path.endsWith('.image')) return 0;
  if (path.endsWith('.replicas')) return 1;
  return 2;
}

function strip(spec: AppSpec | null | undefined): unknown {
  if (!spec) return {};
  const { app: _app, ...rest } = spec;
  return rest;
}

/** The image of each service: what a deploy changes most of the time. */
export function imagesOf(spec: AppSpec | null | undefined): Record<string, string> {
  const images: Record<string, string> = {};
  for (const s of spec?.services ?? []) if (s.name && s.image) images[s.name] = s.image;
  return images;
}

/** The tag (or digest) of an image reference, for compact display: "reg:5000/web:v2" -> "v2". */
export function imageTag(image: string | null | undefined): string {
  if (!image) return '';
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 20);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}

/** Replaces the tag of an image reference, keeping registry and repository. */
export function withTag(image: string, tag: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const base = colon > slash ? image.slice(0, colon) : image;
  return `${base}:${tag}`;
}
