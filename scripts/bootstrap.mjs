// Runs a project script (src/main.ts, scripts/run-tests.ts, ...) on a Node.js
// that runs TypeScript, after making sure node_modules matches package-lock.json.
// npm start, npm test and npm run parley|bench go through it. Plain JavaScript
// so that the system Node 20 of target machines can start it.
// Why: docs/adr/0005-node-bootstrap.md.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolsDir = join(root, ".tools");
const localNodeDir = join(toolsDir, "node");
const lockfile = join(root, "package-lock.json");
const stampFile = join(root, "node_modules", ".parley-install-stamp");
// `node file.ts` strips types without a flag from 22.18.0 on.
const minimum = [22, 18];
// Official Node.js builds republished on the npm registry: bin/node and include/node.
const nodePackage = `node-linux-${process.arch}`;

function log(message) {
  process.stderr.write(`parley: ${message}\n`);
}

function runsTypeScript(version) {
  const [major, minor] = version.split(".").map(Number);
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

// Runs a command to completion with its output on our stderr, so that stdout
// stays the script's own; exits if it fails.
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) {
    log(`\`${command} ${args.join(" ")}\` failed${result.error ? `: ${result.error.message}` : ""}`);
    process.exit(result.status || 1);
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function holderIsGone(lock) {
  try {
    process.kill(Number(readFileSync(lock, "utf8")), 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}

// Serializes installs between bootstraps started together (npm start and
// npm test in two terminals); a lock left by a killed bootstrap is taken over.
function withInstallLock(action) {
  mkdirSync(toolsDir, { recursive: true });
  const lock = join(toolsDir, "install.lock");
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (holderIsGone(lock)) rmSync(lock, { force: true });
    else sleep(250);
  }
  try {
    action();
  } finally {
    rmSync(lock, { force: true });
  }
}

// Installs Node 24 into .tools/node without root. npm unpacks into a staging
// directory that is then renamed, so an interrupted install leaves no half binary.
function installLocalNode() {
  if (process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)) {
    log(`Node.js ${process.versions.node} cannot run Parley; install Node.js >= ${minimum.join(".")}`);
    process.exit(1);
  }
  log(`Node.js ${process.versions.node} is too old; installing ${nodePackage}@24 into .tools/ (once)`);
  const staging = join(toolsDir, `staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  run("npm", ["install", "--prefix", staging, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `${nodePackage}@24`]);
  renameSync(join(staging, "node_modules", nodePackage), localNodeDir);
  rmSync(staging, { recursive: true, force: true });
}

// The Node.js to run scripts with: this one when it runs TypeScript, else .tools/node.
function chooseNode() {
  if (runsTypeScript(process.versions.node)) {
    return { bin: process.execPath, dir: dirname(dirname(process.execPath)) };
  }
  const bin = join(localNodeDir, "bin", "node");
  if (!existsSync(bin)) withInstallLock(() => existsSync(bin) || installLocalNode());
  return { bin, dir: localNodeDir };
}

function lockfileHash() {
  return createHash("sha256").update(readFileSync(lockfile)).digest("hex");
}

function installedHash() {
  return existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : undefined;
}

// Runs `npm ci` when node_modules is missing or package-lock.json changed since
// the last install, under the chosen Node and against its headers: a
// nodedir from ~/.npmrc would point native builds at another Node.
function ensureDependencies(node, env) {
  if (installedHash() === lockfileHash()) return;
  withInstallLock(() => {
    const hash = lockfileHash();
    const previous = installedHash();
    if (previous === hash) return;
    log(`installing dependencies with npm ci (${previous ? "package-lock.json changed" : "no install stamp in node_modules"})`);
    run("npm", ["ci", "--no-audit", "--no-fund"], { ...env, npm_config_nodedir: node.dir });
    writeFileSync(stampFile, `${hash}\n`);
  });
}

const args = process.argv.slice(2);
if (args.length === 0) {
  log("usage: node scripts/bootstrap.mjs <script> [arguments...]");
  process.exit(2);
}
const node = chooseNode();
// The chosen Node comes first on PATH so that whatever the script spawns as `node` is the same one.
const env = { ...process.env, PATH: `${dirname(node.bin)}${delimiter}${process.env.PATH ?? ""}` };
ensureDependencies(node, env);

const child = spawn(node.bin, args, { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  log(`cannot start ${node.bin}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? 128 + constants.signals[signal]));
