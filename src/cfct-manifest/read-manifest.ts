import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type ScalarTag, type SchemaOptions } from 'yaml';

/**
 * A manifest read the two ways CfCT's build stage reads it (docs/reference/cfct.md#how-root-guard-checks-a-manifest):
 * pykwalify loads it with ruamel.yaml's safe loader (YAML 1.2, which still resolves timestamps to
 * dates), and CfCT's own code loads it with PyYAML's `safe_load` (YAML 1.1: `on` is true, an unquoted
 * `012345670123` is an octal number). The schema is checked on the first reading, CfCT's rules on the
 * second; positions come from the first.
 */

/**
 * A YAML timestamp as ruamel.yaml resolves it: a `datetime.date` for `2021-03-15`, a `datetime.datetime`
 * with a time part. pykwalify's `date` type compares them as Python does, so a datetime never equals
 * a date. Kept as the source text, in a private field so no schema keyword sees it as a mapping key.
 */
export class YamlTimestamp {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** The scalar as written. */
  get text(): string {
    return this.#text;
  }

  /** True for a date alone (`2021-03-15`, Python's `datetime.date`), false with a time part. */
  get dateOnly(): boolean {
    return /^\d{4}-\d\d?-\d\d?$/.test(this.#text);
  }

  toString(): string {
    return this.#text;
  }
}

/** YAML's timestamp pattern (https://yaml.org/type/timestamp.html), which ruamel.yaml and PyYAML both resolve. */
const TIMESTAMP = /^(?:\d{4}-\d\d-\d\d|\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)$/;

const timestampTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  test: TIMESTAMP,
  resolve: (text: string) => new YamlTimestamp(text),
};

/**
 * PyYAML's booleans (`resolver.py`: yes/no, true/false, on/off in three spellings each), which are YAML
 * 1.1's without `y` and `n`; the `yaml` package's 1.1 schema has those too, so its two are replaced.
 */
const pyyamlBooleans: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/, resolve: () => true },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/, resolve: () => false },
];

/** The YAML 1.1 tags as PyYAML resolves them: its booleans, and timestamps kept as {@link YamlTimestamp}. */
type Tags = Exclude<NonNullable<SchemaOptions['customTags']>, (tags: never) => unknown>;
function pyyamlTags(tags: Tags): Tags {
  const replaced = new Set(['tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp']);
  return [...tags.filter((t) => typeof t === 'string' || !replaced.has(t.tag)), ...pyyamlBooleans, timestampTag];
}

/** A position in the manifest, 1-based. */
export interface ManifestPosition {
  readonly line: number;
  readonly col: number;
}

/** A manifest read both ways, with positions. */
export interface ReadManifest {
  /** As pykwalify sees it (YAML 1.2 with timestamps); undefined when the text is not YAML. */
  readonly forSchema: unknown;
  /** As CfCT's code sees it (PyYAML, YAML 1.1); undefined when the text is not YAML. */
  readonly forCfct: unknown;
  /** YAML syntax errors (either reading), with positions: the build stage fails on the first. */
  readonly syntaxErrors: readonly { readonly message: string; readonly at: ManifestPosition }[];
  /** Where the value at `path` (keys and indexes) starts; its nearest existing parent when it is absent. */
  positionOf(path: readonly (string | number)[]): ManifestPosition;
  /** Where the key `key` of the mapping at `path` is written (for an unknown key). */
  keyPositionOf(path: readonly (string | number)[], key: string): ManifestPosition;
}

/** Reads manifest text; never throws. */
export function readManifest(text: string): ReadManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, customTags: [timestampTag], uniqueKeys: true, prettyErrors: false });
  // PyYAML accepts duplicate keys (the last wins) where ruamel.yaml refuses them, so the first reading reports them.
  const yaml11 = parseDocument(text, { version: '1.1', customTags: pyyamlTags, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number): ManifestPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntaxErrors = [...doc.errors, ...yaml11.errors.filter((e) => !doc.errors.some((d) => d.pos[0] === e.pos[0]))]
    .map((e) => ({ message: e.message.split('\n')[0], at: at(e.pos[0]) }));
  const parsed = syntaxErrors.length === 0;
  return {
    forSchema: parsed ? doc.toJS({ maxAliasCount: 100 }) : undefined,
    forCfct: parsed ? yaml11.toJS({ maxAliasCount: 100 }) : undefined,
    syntaxErrors,
    positionOf: (path) => at(nodeStart(doc, path)),
    keyPositionOf: (path, key) => {
      const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (isMap(map)) {
        const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (range) return at(range[0]);
      }
      return at(nodeStart(doc, path));
    },
  };
}

/** The offset where the node at `path` starts, or its nearest existing ancestor. */
function nodeStart(doc: Document, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = (depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)) as YamlNode | null | undefined;
    const range = node?.range;
    if (range) return range[0];
  }
  return 0;
}
