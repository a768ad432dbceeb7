#!/usr/bin/env bash
# Lints, runs the unit tests on SQLite, then the whole suite (browser and Celery worker tests
# included) on PostgreSQL. Every step runs; one summary at the end; fails if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
summary=()
failed=0
totals=(0 0 0)

lint_step() {
  echo "==> $1"
  if "${@:2}"; then
    summary+=("$1: ok")
  else
    summary+=("$1: FAILED")
    failed=1
  fi
}

# pytest_step NAME DATABASE_URL PYTEST_ARGS... (an empty DATABASE_URL means SQLite)
pytest_step() {
  local name=$1 url=$2 junit="$reports/$1.xml" rc=0 counts
  shift 2
  local database=(-u DATABASE_URL)
  [[ -n $url ]] && database=("DATABASE_URL=$url")
  echo "==> pytest on $name"
  env -u CELERY_BROKER_URL "${database[@]}" .venv/bin/pytest --junitxml="$junit" "$@" || rc=$?
  if ! counts=$(.venv/bin/python - "$junit" <<'EOF'
import sys
import xml.etree.ElementTree as ET

suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
tests, skipped = int(suite.get("tests")), int(suite.get("skipped"))
failed = int(suite.get("failures")) + int(suite.get("errors"))
print(tests - failed - skipped, failed, skipped)
EOF
  ); then
    summary+=("$name: did not run (pytest exit code $rc)")
    failed=1
    return
  fi
  read -r p f s <<<"$counts"
  totals=($((totals[0] + p)) $((totals[1] + f)) $((totals[2] + s)))
  local line="$name: $p passed, $f failed, $s skipped"
  if ((rc == 5)); then
    line+=" (no tests collected)"
  elif ((rc != 0)); then
    line+=" (pytest exit code $rc)"
  fi
  ((rc == 0)) || failed=1
  summary+=("$line")
}

lint_step "ruff-check" .venv/bin/ruff check .
lint_step "ruff-format" .venv/bin/ruff format --check .
pytest_step SQLite "" -m "not postgres and not redis and not e2e"
pytest_step PostgreSQL "$POSTGRES_URL"

echo
echo "==> summary"
printf '%s\n' "${summary[@]}"
if ((failed)); then
  echo "result: FAILED"
else
  echo "result: ok"
fi
echo "total: ${totals[0]} passed, ${totals[1]} failed, ${totals[2]} skipped"
exit "$failed"
