// node-semver's answer for each tab-separated pair on stdin: "A<TAB>B<TAB>-1|0|1", or "!" when
// semver.valid refuses either version (strict SemVer 2.0.0, as npm reads a published version).
const semver = require('semver');
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const out = [];
for (const line of lines) {
  const f = line.split('\t');
  if (f.length !== 2) continue;
  const [a, b] = f;
  const r = semver.valid(a) === null || semver.valid(b) === null ? '!' : String(semver.compare(a, b));
  out.push(`${a}\t${b}\t${r}`);
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
