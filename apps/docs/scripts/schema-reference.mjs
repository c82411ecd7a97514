// Writes the schema reference (reference/*.md) from the committed schema.graphql: every
// type, field and argument with its description. Run before `vitepress build`; the output
// is generated, so it is gitignored.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaFile = path.resolve(here, '../../../schema.graphql');
const outDir = path.resolve(here, '../reference');

const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
const types = Object.values(schema.getTypeMap())
  .filter((t) => !t.name.startsWith('__'))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Which page a named type is documented on. */
function pageOf(type) {
  if (type === schema.getQueryType()) return 'index';
  if (isObjectType(type) || isUnionType(type)) return 'objects';
  if (isInterfaceType(type) || isScalarType(type)) return 'interfaces';
  if (isInputObjectType(type)) return 'inputs';
  if (isEnumType(type)) return 'enums';
  return 'objects';
}
const anchor = (name) => name.toLowerCase();
const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** Markdown text outside code spans cannot hold raw `<`, `{{` or `|` (Vue templates, tables). */
function text(description) {
  if (!description) return '';
  return description
    .replace(/\s*\n\s*/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\{\{/g, '&#123;&#123;').replace(/\|/g, '\\|')))
    .join('');
}

/** A type reference with a link to where its named type is documented. */
function typeRef(type, page) {
  const named = getNamedType(type);
  const shown = String(type);
  if (builtIn.has(named.name)) return `\`${shown}\``;
  const target = pageOf(named);
  const href = target === page ? `#${anchor(named.name)}` : `./${target === 'index' ? '' : target}#${anchor(named.name)}`;
  return `[\`${shown}\`](${href})`;
}

function args(field, page) {
  if (!field.args?.length) return '';
  const list = field.args.map((a) => {
    const def = a.defaultValue !== undefined ? ` (default \`${JSON.stringify(a.defaultValue)}\`)` : '';
    return `<br>• \`${a.name}\`: ${typeRef(a.type, page)}${def}${a.description ? ` — ${text(a.description)}` : ''}`;
  });
  return `<br>**Arguments:**${list.join('')}`;
}

function fieldsTable(type, page) {
  const fields = Object.values(type.getFields());
  const rows = fields.map((f) => {
    const deprecated = f.deprecationReason ? ` **Deprecated:** ${text(f.deprecationReason)}` : '';
    return `| \`${f.name}\`<br>${typeRef(f.type, page)} | ${text(f.description)}${deprecated}${args(f, page)} |`;
  });
  // Two columns (the type under the name) so the table fits the page's column (see the page class in style.css).
  return ['| Field and type | Description |', '|---|---|', ...rows].join('\n');
}

function section(type, page) {
  const out = [`## ${type.name} {#${anchor(type.name)}}`, ''];
  if (type.description) out.push(text(type.description), '');
  if ((isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().length) {
    out.push(`Implements ${type.getInterfaces().map((i) => typeRef(i, page)).join(', ')}.`, '');
  }
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    if (isInputObjectType(type)) {
      const rows = Object.values(type.getFields()).map((f) => {
        const def = f.defaultValue !== undefined ? ` Default: \`${JSON.stringify(f.defaultValue)}\`.` : '';
        return `| \`${f.name}\`<br>${typeRef(f.type, page)} | ${text(f.description)}${def} |`;
      });
      out.push(['| Field and type | Description |', '|---|---|', ...rows].join('\n'), '');
    } else {
      out.push(fieldsTable(type, page), '');
    }
  }
  if (isInterfaceType(type)) {
    const impl = schema.getPossibleTypes(type).map((t) => typeRef(t, page));
    out.push(`Implemented by ${impl.join(', ')}.`, '');
  }
  if (isEnumType(type)) {
    const rows = type.getValues().map((v) => `| \`${v.name}\` | ${text(v.description)} |`);
    out.push(['| Value | Description |', '|---|---|', ...rows].join('\n'), '');
  }
  if (isUnionType(type)) out.push(`One of ${type.getTypes().map((t) => typeRef(t, page)).join(', ')}.`, '');
  return out.join('\n');
}

const pages = {
  index: {
    title: 'Schema reference',
    intro: [
      'Generated at build time from the committed `schema.graphql` (the repository root) of this',
      'version of Insyn: every type, field and argument with its description. Every read starts at',
      '`Query` below; try any of it in [GraphiQL](/graphql){target="_self"}.',
      '',
      '- [Object types](./objects): what queries return.',
      '- [Interfaces and scalars](./interfaces): `Node` and `DateTime`.',
      '- [Input types](./inputs): filters.',
      '- [Enums](./enums): fixed sets of values (levels, statuses, units).',
    ],
  },
  objects: { title: 'Object types', intro: ['What queries return, in alphabetical order.'] },
  interfaces: { title: 'Interfaces and scalars', intro: ['Shared interfaces and the scalars beyond GraphQL\'s own.'] },
  inputs: { title: 'Input types', intro: ['Filters and other arguments made of several fields.'] },
  enums: { title: 'Enums', intro: ['Fixed sets of values.'] },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let count = 0;
for (const [page, meta] of Object.entries(pages)) {
  const body = types
    .filter((t) => pageOf(t) === page && !(isScalarType(t) && builtIn.has(t.name)))
    .map((t) => {
      count++;
      return section(t, page);
    });
  const intro = meta.intro.join('\n');
  writeFileSync(path.join(outDir, `${page}.md`), `---\npageClass: insyn-reference\n---\n\n# ${meta.title}\n\n${intro}\n\n${body.join('\n')}\n`);
}
console.log(`Schema reference: ${count} types written to ${path.relative(process.cwd(), outDir)}/`);
