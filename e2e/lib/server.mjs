// Starts the real `backbone` binary with a fresh demo database for one test file, and stops it.
//
//   const server = await startDemoServer();   // { url, stop() }
//   ...
//   await server.stop();
//
// The binary comes from BACKBONE_BIN (default: ../target/debug/backbone, next to this folder).
// Each server gets its own free port on 127.0.0.1 and its own SQLite file in a new temp folder,
// so test files never see each other's changes.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEMO_SLUG = 'riverbend-cradle-to-career';
export const DEMO_PASSWORD = 'backbone-demo-2026';

export function backboneBin() {
  const fromEnv = process.env.BACKBONE_BIN;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(e2eDir, '../target/debug/backbone');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `backbone demo` (with any further `args`) and resolves once /healthz answers 200. */
export async function startDemoServer({ timeoutMs = 60_000, args = [] } = {}) {
  const bin = backboneBin();
  try {
    await access(bin, constants.X_OK);
  } catch {
    throw new Error(`backbone binary not found at ${bin}: run \`cargo build -p backbone\` or set BACKBONE_BIN`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backbone-e2e-'));
  const db = path.join(dir, 'demo.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['demo', '--bind', `127.0.0.1:${port}`, '--database-url', `sqlite://${db}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only the flags configure it: no BACKBONE_* setting from the caller's environment leaks in.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BACKBONE_'))), NO_COLOR: '1' },
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 20_000) output = output.slice(-20_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`backbone demo exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`backbone demo did not answer ${url}/healthz within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
  return { url, slug: DEMO_SLUG, stop, output: () => output };
}
