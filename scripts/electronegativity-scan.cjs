// Child process of scripts/electronegativity.mjs: runs Electronegativity through its library
// entry point (its "main", dist/runner.js) and prints the findings as one JSON document on stdout.
// The scanner's CLI writes its CSV report with two unsynchronised fs.writeFile calls (header with
// flag 'w', rows with flag 'a'), so with many findings the first row can be lost or corrupted;
// the library call hands the findings over directly instead.
// Usage: node -r scripts/offline-got.cjs scripts/electronegativity-scan.cjs <dir> <electron-version> [excluded-check,...]
const run = require('@doyensec/electronegativity');

const [input, electronVersion, excluded = ''] = process.argv.slice(2);
run({
  input,
  isSarif: false,
  customScan: [],
  excludeFromScan: excluded
    .split(',')
    .filter(Boolean)
    .map((c) => c.trim().toLowerCase()),
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
}).then(
  (result) => {
    const findings = result.issues.map((i) => ({
      check: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      location: `${i.location.line}:${i.location.column}`,
      manualReview: Boolean(i.manualReview),
    }));
    process.stdout.write(JSON.stringify({ errors: result.errors.length, findings }));
  },
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  },
);
