'use strict';
/**
 * B7 — what the extension costs VS Code before anyone uses it.
 *
 * (a) Package: `npx vsce package --no-dependencies -o bench/inputs/flamelens.vsix` (its
 *     prepublish script rebuilds dist/), the .vsix size against the 2 MB target and the files in
 *     it (`npx vsce ls --no-dependencies`). If vsce refuses, its error is reported verbatim and,
 *     when the refusal is only about README links, the package is built again with
 *     --no-rewrite-relative-links so that the size can still be reported (marked as such).
 * (b) Activation (b7-activation.js): in a fresh Node process, `require('dist/extension.js')` (the manifest's main)
 *     and `activate(context)` against a fake `vscode` module (require('vscode') intercepted:
 *     every API returns a disposable; the ones activation reads return what VS Code would).
 *     Median of 20 processes against the 50 ms target. Which files activation loads: every
 *     module Node loads from the require until activation has settled (a few event-loop turns
 *     later, so lazy `import()`s it starts are caught); the npm packages inside each loaded
 *     webpack bundle come from its source map. chrome-remote-interface (+ ws) and acorn must
 *     not be among them: they are only needed once a command runs.
 * The peer is VS Code's own guidance (activate fast and lazily; small packages): targets only.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, INPUTS_DIR, sourceState, run, tagged, median, fmt, markdownTable } = require('../lib');

const VSIX = path.join(INPUTS_DIR, 'flamelens.vsix');
const ACTIVATION_CHILD = path.join(__dirname, 'b7-activation.js');
const MAIN = path.join(ROOT, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).main);
const PROCESSES = 20;
const TARGET_ACTIVATION_MS = 50;
const TARGET_VSIX_BYTES = 2 * 1024 * 1024;
/** Packages that must wait for a command (the inspector client and the source parser). */
const HEAVY = ['chrome-remote-interface', 'ws', 'acorn'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// ---------------------------------------------------------------------------------------------
// (a) the package

async function packageCost(log) {
  fs.mkdirSync(INPUTS_DIR, { recursive: true });
  fs.rmSync(VSIX, { force: true });
  const command = ['vsce', 'package', '--no-dependencies', '-o', path.relative(ROOT, VSIX)];
  const first = await run(npx, command, { allowFailure: true });
  const result = { command: `npx ${command.join(' ')}`, ok: first.code === 0 && fs.existsSync(VSIX) };
  let packagedOutput = first.stdout;
  if (!result.ok) {
    result.error = errorLines(first.stdout + '\n' + first.stderr);
    log(`B7 vsce package failed: ${result.error}`);
    if (/README|relative|repository/i.test(result.error)) {
      const retry = [...command, '--no-rewrite-relative-links'];
      const second = await run(npx, retry, { allowFailure: true });
      packagedOutput = second.stdout;
      if (second.code === 0 && fs.existsSync(VSIX)) result.fallback = `npx ${retry.join(' ')}`;
      else result.fallbackError = errorLines(second.stdout + '\n' + second.stderr);
    }
  }
  if (fs.existsSync(VSIX)) {
    result.bytes = fs.statSync(VSIX).size;
    // vsce counts the package's own [Content_Types].xml and extension.vsixmanifest too.
    const packaged = /Packaged: .* \((\d+) files?, ([\d.]+ \w+)\)/.exec(stripAnsi(packagedOutput));
    if (packaged) result.vsceSays = `${packaged[1]} files, ${packaged[2]}`;
  }
  const listed = await run(npx, ['vsce', 'ls', '--no-dependencies'], { allowFailure: true });
  result.files = stripAnsi(listed.stdout)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^npm (warn|notice)/.test(l));
  result.fileSizes = Object.fromEntries(result.files.map((f) => [f, fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).size : undefined]));
  return result;
}

function stripAnsi(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** vsce's own error lines (npm's warnings and the build's chatter dropped). */
function errorLines(output) {
  const lines = stripAnsi(output)
    .split('\n')
    .filter((l) => l.trim() && !/^npm (warn|notice)/.test(l) && !/^>/.test(l) && !/^Executing prepublish/.test(l));
  const error = lines.findIndex((l) => /ERROR|Error/.test(l));
  return (error >= 0 ? lines.slice(error) : lines.slice(-5)).join('\n').trim();
}

// ---------------------------------------------------------------------------------------------
// (b) activation: measured in a child process, b7-activation.js

/** npm packages bundled into a dist/ file, from its source map (webpack://…/node_modules/<pkg>/…). */
function packagesIn(file) {
  const map = path.join(ROOT, `${file}.map`);
  if (!fs.existsSync(map)) return ['(no source map)'];
  const sources = JSON.parse(fs.readFileSync(map, 'utf8')).sources;
  const packages = new Set();
  for (const source of sources) {
    const at = source.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const parts = source.slice(at + 'node_modules/'.length).split('/');
    packages.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return [...packages].sort();
}

// ---------------------------------------------------------------------------------------------
// Parent

async function main({ log = console.log } = {}) {
  log('B7 (a) packaging with vsce (its prepublish script rebuilds dist/)...');
  const pkg = await packageCost(log);
  // After packaging: vsce's prepublish has just rebuilt out/ and dist/.
  const stateBefore = sourceState();
  if (pkg.bytes !== undefined)
    log(
      `B7 .vsix ${fmt.count(pkg.bytes)} bytes (${(pkg.bytes / 1024).toFixed(1)} KiB) vs ≤ 2 MB${pkg.fallback ? ` — built by the fallback: ${pkg.fallback}` : ''}; vsce ls: ${pkg.files.length} files`,
    );

  log(`B7 (b) require + activate of ${path.relative(ROOT, MAIN)} in ${PROCESSES} fresh processes...`);
  const runs = [];
  for (let i = 0; i < PROCESSES; i++) {
    const { stdout } = await run(process.execPath, [ACTIVATION_CHILD]);
    runs.push(tagged(stdout, 'B7-CHILD'));
  }
  const requireMs = median(runs.map((r) => r.requireMs));
  const activateMs = median(runs.map((r) => r.activateMs));
  const totalMs = median(runs.map((r) => r.requireMs + r.activateMs));
  const sample = runs[runs.length - 1];
  const distFiles = sample.loadedAfterSettling.filter((f) => f.startsWith('dist/'));
  const otherFiles = sample.loadedAfterSettling.filter((f) => !f.startsWith('dist/'));
  const bundled = Object.fromEntries(distFiles.map((f) => [f, packagesIn(f)]));
  const loadedPackages = new Set(Object.values(bundled).flat());
  const heavyLoaded = HEAVY.filter((p) => loadedPackages.has(p));
  const lateFiles = sample.loadedAfterSettling.filter((f) => !sample.loadedDuringActivate.includes(f));
  log(
    `B7 require ${fmt.ms(requireMs)} + activate ${fmt.ms(activateMs)} = ${fmt.ms(totalMs)} (median of ${PROCESSES}; min ${fmt.ms(Math.min(...runs.map((r) => r.requireMs + r.activateMs)))}, max ${fmt.ms(Math.max(...runs.map((r) => r.requireMs + r.activateMs)))}) vs ≤ ${TARGET_ACTIVATION_MS} ms`,
  );
  log(
    `B7 loaded at activation: ${sample.loadedAfterSettling.length} files (${distFiles.join(', ')}${otherFiles.length ? `; ${otherFiles.join(', ')}` : ''}); bundled packages: ${[...loadedPackages].join(', ') || 'none'}; Node built-ins: ${sample.builtins.join(', ')}`,
  );
  log(`B7 heavy packages loaded at activation: ${heavyLoaded.length ? heavyLoaded.join(', ') : 'none'} (checked: ${HEAVY.join(', ')})`);

  // Where the heavy packages are instead, for the report.
  const distAll = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
  const heavyHomes = HEAVY.map((p) => `${p} in ${distAll.filter((f) => packagesIn(`dist/${f}`).includes(p)).join(', ') || '—'}`);

  const verdicts = [
    pkg.bytes === undefined
      ? '.vsix: not built'
      : `.vsix ${(pkg.bytes / 1024).toFixed(0)} KiB vs ≤ 2 MB: ${pkg.bytes <= TARGET_VSIX_BYTES ? 'met' : 'MISSED'}${pkg.ok ? '' : ' (size from the fallback build; the plain command FAILED)'}`,
    `require + activate ${fmt.ms(totalMs)} vs ≤ ${TARGET_ACTIVATION_MS} ms: ${totalMs <= TARGET_ACTIVATION_MS ? 'met' : 'MISSED'}`,
    `heavy packages at activation: ${heavyLoaded.length ? `${heavyLoaded.join(', ')} — MISSED` : 'none — met'}`,
  ];
  log(`B7 targets: ${verdicts.join('; ')}`);

  const sizeOf = (f) => (pkg.fileSizes[f] === undefined ? '?' : `${(pkg.fileSizes[f] / 1024).toFixed(1)} KiB`);
  const packageTable = markdownTable(
    ['what', 'result', 'target'],
    [
      ['`' + pkg.command + '`', pkg.ok ? 'ok' : `**failed**:<br>\`${pkg.error.replace(/\n/g, ' ').replace(/\|/g, '\\|')}\``, 'builds'],
      ...(pkg.fallback ? [['fallback `' + pkg.fallback + '`', 'ok (size below comes from it)', '—']] : []),
      ...(pkg.fallbackError ? [['fallback with --no-rewrite-relative-links', `failed: \`${pkg.fallbackError.replace(/\n/g, ' ')}\``, '—']] : []),
      [
        '.vsix size',
        pkg.bytes === undefined
          ? '—'
          : `**${(pkg.bytes / 1024).toFixed(1)} KiB** (${fmt.count(pkg.bytes)} bytes${pkg.vsceSays ? `; vsce: ${pkg.vsceSays}` : ''})`,
        '≤ 2 MB',
      ],
      ['files (`npx vsce ls --no-dependencies`)', `${pkg.files.length}: ${pkg.files.map((f) => `${f} (${sizeOf(f)})`).join(', ')}`, '—'],
    ],
  );
  const activationTable = markdownTable(
    ['what', 'result', 'target'],
    [
      [`require('${path.relative(ROOT, MAIN)}')`, `${fmt.ms(requireMs)}`, ''],
      ['activate(context) with a fake vscode', `${fmt.ms(activateMs)} (${sample.subscriptions} subscriptions registered)`, ''],
      [
        '**require + activate** (median of 20 processes)',
        `**${fmt.ms(totalMs)}** (min ${fmt.ms(Math.min(...runs.map((r) => r.requireMs + r.activateMs)))}, max ${fmt.ms(Math.max(...runs.map((r) => r.requireMs + r.activateMs)))})`,
        `≤ ${TARGET_ACTIVATION_MS} ms`,
      ],
      [
        'files loaded at activation',
        `${sample.loadedAfterSettling.length}: ${sample.loadedAfterSettling.join(', ')}${lateFiles.length ? ` (after activate returned: ${lateFiles.join(', ')})` : ''}`,
        'the entry bundle only',
      ],
      ['npm packages in those files (source maps)', [...loadedPackages].join(', ') || 'none (own code only)', 'none heavy'],
      [`${HEAVY.join(' / ')} at activation`, heavyLoaded.length ? `**LOADED: ${heavyLoaded.join(', ')}**` : '**not loaded**', 'not loaded'],
      ['where they are', heavyHomes.join('; '), 'lazy chunks'],
      ['Node built-ins required', sample.builtins.join(', '), ''],
      ['vscode API touched by activate', sample.touched.join(', '), ''],
    ],
  );
  const stateAfter = sourceState();
  const state = stateBefore.line === stateAfter.line ? stateBefore.line : `${stateBefore.line} — CHANGED during the run (someone rebuilt): ${stateAfter.line}`;
  log(`B7 ${state}`);
  const markdown = [
    `${state}.`,
    '',
    `(a) Package: \`${pkg.command}\` from the repository root (vsce's prepublish script runs \`npm run build\` first).`,
    '',
    packageTable,
    '',
    `(b) Activation: a fresh Node ${process.version} process per measurement requires \`${path.relative(ROOT, MAIN)}\` (the manifest's main) and calls \`activate(context)\` with \`require('vscode')\` intercepted (Module._resolveFilename/_load) and answered by a fake whose every API returns a disposable. ` +
      `Files loaded = modules Node loaded from the require until activation settled (5 event-loop turns + 100 ms after activate returned); packages per bundle from its source map.`,
    '',
    activationTable,
    '',
    `Targets (VS Code's guidance): ${verdicts.map((v) => v.replace(/(met|MISSED)(.*)$/, '**$1**$2')).join('; ')}.`,
  ].join('\n');
  return { name: 'b7', title: 'B7 — extension cost (package size, activation)', markdown, pkg, runs };
}

module.exports = { main };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
