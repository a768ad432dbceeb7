#!/usr/bin/env bash
# Installs what the project needs on a Debian machine, skipping whatever is already there:
# system packages (only as root), uv, and .venv with the locked dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-liberation2 poppler-utils gettext libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "bootstrap: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "bootstrap: missing system packages, install them as root: ${missing[*]}" >&2
  fi
fi

# The project is pinned to Python 3.11; use one already on the machine, never a downloaded one.
find_python() {
  local candidate
  for candidate in python3.11 /root/.pyenv/versions/3.11.7/bin/python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      "$candidate" -c 'import sys; print(sys.executable)'
      return
    fi
  done
  return 1
}
if ! PYTHON=$(find_python); then
  echo "bootstrap: no Python 3.11 found (tried python3.11, pyenv 3.11.7, python3)" >&2
  exit 1
fi

if command -v uv >/dev/null 2>&1; then
  UV=$(command -v uv)
else
  UV="$HOME/.local/bin/uv"
  if [[ ! -x $UV ]]; then
    echo "bootstrap: installing uv"
    PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install --quiet --user uv
  fi
fi

UV_PYTHON_DOWNLOADS=never "$UV" sync --frozen --python "$PYTHON" --quiet
