#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer: starts them when they
# do not, installing Debian's packages first when they are missing. Both listen on loopback only.
set -euo pipefail

TIMEOUT=${SERVICES_TIMEOUT:-60}

postgres_answers() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
redis_answers() { [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; }

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "services: $* is not installed; install it as root" >&2
    exit 1
  fi
  echo "services: installing $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

wait_for() {
  local name=$1 check=$2 waited=0
  until "$check"; do
    if ((waited >= TIMEOUT)); then
      echo "services: $name did not answer within ${TIMEOUT}s" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "services: $name answers"
}

start_postgres() {
  if ! compgen -G "/etc/postgresql/*/main" >/dev/null; then
    apt_install postgresql
    # A fresh cluster asks for passwords; tests and scripts sign in as postgres over loopback.
    local hba
    hba=$(echo /etc/postgresql/*/main/pg_hba.conf)
    sed -i -E 's#^(host\s+all\s+all\s+(127\.0\.0\.1/32|::1/128)\s+)\S+#\1trust#' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start ||
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main reload
}

start_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir "${TMPDIR:-/tmp}"
}

postgres_answers || start_postgres
wait_for PostgreSQL postgres_answers
redis_answers || start_redis
wait_for Redis redis_answers
