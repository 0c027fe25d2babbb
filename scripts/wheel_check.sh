#!/usr/bin/env bash
# The package as users get it: build the wheel, install it into a scratch virtual environment
# outside the checkout, build the data, look a code up, serve, and fetch a code page and an
# article page. Catches files missing from the wheel that an editable install would hide.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d /tmp/nosology-wheel.XXXXXX)
trap 'if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$scratch"' EXIT
python3 -m pip wheel --quiet --no-deps --wheel-dir "$scratch/dist" .
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet "$scratch"/dist/nosology-*.whl
cd "$scratch"   # nothing of the checkout is on the path from here
export NOSOLOGY_DATA_DIR="$scratch/data"
unset NOSOLOGY_CONTENT_DIR
venv/bin/nosology build >/dev/null
venv/bin/nosology info >/dev/null
# (grep reads everything: with pipefail, grep -q closing the pipe early would fail the command)
venv/bin/nosology code M61.28 | grep "Paralytic calcification and ossification of muscle, other site" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
venv/bin/nosology serve --port "$port" >"$scratch/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$port/codes/M61.28" | grep "M61.28" >/dev/null
curl -fsS "http://127.0.0.1:$port/articles/neurogenic-heterotopic-ossification" | grep "When to get medical help" >/dev/null
echo "== wheel: installed outside the checkout, built, served a code page and an article page"
