// For each URL path read (one JSON list on stdin), the headers Netlify's own parser gives it from a _headers file:
// node netlify_headers.mjs <tools folder> <_headers file>  ->  {path: [[name, value], ...]} on stdout.
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";

const [tools, headersFile] = process.argv.slice(2);
const parser = await import(pathToFileURL(`${tools}/node_modules/@netlify/headers-parser/lib/index.js`).href);
const { headers, errors } = await parser.parseAllHeaders({ headersFiles: [headersFile] });
if (errors.length > 0) {
  console.error(errors.map(String).join("\n"));
  process.exit(2);
}
const paths = JSON.parse(readFileSync(0, "utf8"));
const found = {};
for (const path of paths) {
  found[path] = headers.filter((rule) => rule.forRegExp.test(path))
    .flatMap((rule) => Object.entries(rule.values));
}
console.log(JSON.stringify(found));
