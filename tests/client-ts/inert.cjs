// The TypeScript sweep of tests/untrusted.rs: parses every `.ts` file below a folder with
// TypeScript's own parser (the `typescript` package at $TYPESCRIPT) and prints one line per
// finding: a syntax error, or an identifier that is the marker (spec text that became code).
// Usage: node inert.cjs <folder> <marker>
const fs = require("node:fs");
const path = require("node:path");
const ts = require(process.env.TYPESCRIPT);

const [root, mark] = process.argv.slice(2);
const findings = [];

function check(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const where = (pos) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(pos).line + 1}`;
  for (const d of source.parseDiagnostics) {
    findings.push(`${where(d.start)}: syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  }
  const visit = (node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === mark) {
      findings.push(`${where(node.getStart())}: the marker is code: ${node.parent.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".ts")) check(full);
  }
}

walk(root);
for (const f of findings) console.log(f);
