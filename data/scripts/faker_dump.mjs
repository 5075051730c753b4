#!/usr/bin/env node
// Prints the person names of every @faker-js/faker locale as JSON on stdout, for
// foreign_names.py (faker ships its lists as JavaScript modules, not JSON).
// Usage: node faker_dump.mjs FAKER_DIR   (the unpacked npm package; node without dependencies)
// Output: {"version": "10.6.0", "locales": {"fr": {"script": "Latn", "first_name": [...],
//          "last_name": [...], "middle_name": [...], "words": [...]}, ...}}
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node faker_dump.mjs FAKER_DIR');
  process.exit(1);
}
const flat = obj => [].concat(...Object.values(obj || {}).filter(Array.isArray));

const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const faker = await import(pathToFileURL(path.join(dir, 'dist', 'index.js')).href);
const locales = {};
for (const code of Object.keys(faker.allLocales).sort()) {
  const loc = faker.allLocales[code];
  const p = loc.person || {};
  locales[code] = {
    script: loc.metadata?.script || '',
    first_name: flat(p.first_name),
    last_name: flat(p.last_name),
    middle_name: flat(p.middle_name),
    words: loc.lorem?.word || [],
  };
}
process.stdout.write(JSON.stringify({ name: pkg.name, version: pkg.version, locales }) + '\n');
