// Rebuilds the word lists in src/main/resources/dev/gantry/guardrails/pii/gazetteer/ from three
// MIT-licensed npm packages. Usage (from an empty folder):
//   npm pack @faker-js/faker@10.6.0 @nkzw/safe-word-list@3.1.2 stopwords-en@0.3.0
//   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   node extract-gazetteers.mjs faker-js-faker-10.6.0 nkzw-safe-word-list-3.1.2 stopwords-en-0.3.0 OUT
// The output is deterministic: sorted, NFC-normalised, one entry a line.
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [fakerDir, safeDir, stopDir, out] = process.argv.slice(2);
const F = await import(pathToFileURL(resolve(fakerDir, 'package/dist/index.js')).href);
const safe = (await import(pathToFileURL(resolve(safeDir, 'package/index.js')).href)).default;
const stop = JSON.parse(readFileSync(resolve(stopDir, 'package/stopwords-en.json'), 'utf8'));
mkdirSync(out, { recursive: true });

const locales = F.allLocales;
const script = /^[\p{Script=Latin}\p{Script=Greek}\p{M}' .\-]+$/u;
const flat = (v) =>
  v == null ? [] : typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(flat)
    : typeof v === 'object' ? Object.values(v).flatMap(flat) : [];
const sorted = (set) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function collect(pick, keep = () => true) {
  const set = new Set();
  for (const [name, locale] of Object.entries(locales)) {
    for (const raw of flat(pick(locale, name))) {
      if (raw.includes('{{') || raw.includes('#')) continue;
      const s = raw.trim().normalize('NFC');
      if (s && script.test(s) && keep(s)) set.add(s);
    }
  }
  return sorted(set);
}

const oneWord = (s) => !/\s/.test(s);
const english = (name) => name === 'en' || name.startsWith('en_');
const lists = {
  'first-names': collect((l) => [l.person?.first_name, l.person?.middle_name]),
  'last-names': collect((l) => l.person?.last_name),
  cities: collect((l) => l.location?.city_name),
  countries: collect((l, n) => (english(n) ? l.location?.country : [])),
  states: collect((l) => [l.location?.state, l.location?.county, l.location?.state_abbr]),
  // Capitalised street words ("Avenue", "Rue", "ul.") and lower-case compound endings ("gatan").
  'street-words': collect((l) => [l.location?.street_suffix, l.location?.street_prefix],
    (s) => oneWord(s) && s[0] !== s[0].toLowerCase()),
  'street-endings': collect((l) => l.location?.street_suffix,
    (s) => oneWord(s) && s[0] === s[0].toLowerCase() && s.length >= 3 && /^[\p{L}]+$/u.test(s)),
  'common-words': sorted(new Set(
    [...flat(locales.en.word), ...safe, ...stop]
      .map((w) => w.trim().toLowerCase())
      .filter((w) => /^[a-z]+$/.test(w) && w.length >= 2))),
};
for (const [name, entries] of Object.entries(lists)) {
  writeFileSync(`${out}/${name}.txt`, entries.join('\n') + '\n');
  console.log(name, entries.length);
}
