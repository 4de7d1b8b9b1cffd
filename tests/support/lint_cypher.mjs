// Parse Cypher queries with Neo4j's own parser (@neo4j-cypher/language-support).
// stdin: JSON [{"name": str, "text": str, "params": [str]}]; stdout: JSON {name: [diagnostic, ...]}
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const queries = JSON.parse(input);
  const out = {};
  for (const q of queries) {
    const parameters = Object.fromEntries(q.params.map((p) => [p, null]));
    const result = lintCypherQuery(q.text, { parameters });
    out[q.name] = result.diagnostics.map((d) => ({ severity: d.severity, message: d.message, offsets: d.offsets }));
  }
  process.stdout.write(JSON.stringify(out));
});
