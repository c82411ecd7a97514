#!/usr/bin/env node
// A minimal Prisma generator (JSON-RPC over stdin/stderr, Prisma's generator protocol) that
// writes the full DMMF datamodel, as Prisma parsed schema.prisma, to the generator's output
// file. The drift test uses it because Prisma's schema engine cannot be downloaded here.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const reply = (id, result) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const message = JSON.parse(line);
  if (message.method === 'getManifest') {
    reply(message.id, { manifest: { prettyName: 'DMMF dump', defaultOutput: 'dmmf.json', requiresEngines: [] } });
  } else if (message.method === 'generate') {
    const { dmmf, generator } = message.params;
    writeFileSync(generator.output.value, JSON.stringify(dmmf.datamodel, null, 2));
    reply(message.id, null);
  }
});
