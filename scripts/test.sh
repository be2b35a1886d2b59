#!/usr/bin/env bash
# The project's one test command: installs the reference peers when needed, runs every test
# project in the solution, and ends with the line "N passed, N failed" (", N skipped" when any
# were skipped). Extra arguments go to `dotnet test`, e.g. `bash scripts/test.sh --filter Peer`.
# Exits non-zero when the build or any test failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

peers="tests/peers"
# npm ci writes node_modules/.package-lock.json; when it is missing or older than the committed
# lockfile, the installed peers do not match what the tests expect.
installed_lock="$peers/node_modules/.package-lock.json"
if [[ ! -f "$installed_lock" || "$peers/package-lock.json" -nt "$installed_lock" ]]; then
  echo "Installing the reference peers (npm ci --prefix $peers)..."
  npm ci --prefix "$peers" --no-audit --no-fund --prefer-offline --loglevel=error
fi

results="$root/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test AioGraphQL.Client.sln -c Release \
  --logger "trx" \
  --results-directory "$results" \
  "$@" || status=$?

# Each test project writes one TRX file whose <Counters> element carries its totals.
passed=0
failed=0
skipped=0
trx_count=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  trx_count=$((trx_count + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  read_counter() {
    local value
    value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"
    echo "${value:-0}"
  }
  passed=$((passed + $(read_counter passed)))
  failed=$((failed + $(read_counter failed) + $(read_counter error) + $(read_counter timeout) \
    + $(read_counter aborted)))
  # VSTest leaves notExecuted at 0 for skipped tests; they are the ones counted but not run.
  skipped=$((skipped + $(read_counter total) - $(read_counter executed)))
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # Not every failure is a failed test: a project that does not build, or a test host that
  # crashes, leaves no results to count. The output above names it.
  echo "dotnet test exited with $status, with $trx_count test project(s) reporting and no" \
    "failed test: a build error or a crashed test host; see above." >&2
fi
if [[ $failed -gt 0 && $status -eq 0 ]]; then
  status=1
fi

summary="$passed passed, $failed failed"
if [[ $skipped -gt 0 ]]; then
  summary+=", $skipped skipped"
fi
echo "$summary"
exit "$status"
