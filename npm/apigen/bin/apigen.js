#!/usr/bin/env node
// The `apigen` command of the npm package: finds the binary of this platform's
// package (@apigen/cli-<platform>-<arch>, installed by npm as an optional
// dependency; the others are skipped by their `os`/`cpu` fields) and runs it with
// the same arguments, standard streams and exit status.
"use strict";

const { spawnSync } = require("child_process");

const platform = `${process.platform}-${process.arch}`;
const packageName = `@apigen/cli-${platform}`;
const executable = process.platform === "win32" ? "apigen.exe" : "apigen";

function binaryPath() {
  try {
    return require.resolve(`${packageName}/bin/${executable}`);
  } catch (error) {
    process.stderr.write(
      `apigen: no binary for this platform (${platform}): the package ${packageName} is not installed.\n` +
        "apigen ships binaries for linux-x64, linux-arm64, darwin-x64, darwin-arm64 and win32-x64 as\n" +
        "optional dependencies of the `apigen` package; an install with `--no-optional` or\n" +
        "`--omit=optional` leaves them out. Reinstall without that flag, or install apigen with\n" +
        "`pip install apigen`.\n",
    );
    process.exit(2);
  }
}

const result = spawnSync(binaryPath(), process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`apigen: could not run ${packageName}'s binary: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  // Die of the same signal, so a shell sees what the binary saw.
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
