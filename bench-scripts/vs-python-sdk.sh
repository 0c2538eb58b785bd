#!/usr/bin/env bash
# Ours against Alipay's official Python SDK, same simulator, same request, same concurrency.
#
#   bench-scripts/vs-python-sdk.sh [CALLERS] [SECONDS]
#   (or BENCH_CALLERS / BENCH_SECONDS; defaults 16 and 10; BENCH_CARD, default 4111111111111111)
#
# 1. Makes (once) a venv with global-open-sdk-python==1.7.1 and cryptography==44.0.3
#    (BENCH_VENV, default target/interop-venv, the one .ci/run makes).
# 2. Builds `alipay-vaulting` (feature cli) and the load bench (feature simulator).
# 3. Starts `alipay-vaulting sim --keys DIR` on a free loopback port, runs
#    bench-scripts/python_sdk_load.py against it (threads = callers), stops it.
# 4. Starts a fresh simulator with the same keys, runs `benches/load.rs` against it with
#    --gateway (callers = the same number), stops it.
# 5. Prints both, and the ratios of calls/s and of p50 latency [target: ours >= 20 x SDK].
#
# Each run gets its own fresh simulator so that neither inherits the other's stored state (the
# simulator keeps every request). Everything is on 127.0.0.1; every loop is bounded in time.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
callers=${1:-${BENCH_CALLERS:-16}}
seconds=${2:-${BENCH_SECONDS:-10}}
card=${BENCH_CARD:-4111111111111111}
venv=${BENCH_VENV:-$repo/target/interop-venv}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
work=$(mktemp -d "${TMPDIR:-/tmp}/vs-python-sdk.XXXXXX")
sim_pid=""

cleanup() {
    if [[ -n "$sim_pid" ]] && kill -0 "$sim_pid" 2>/dev/null; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

log() { printf '== %s\n' "$*" >&2; }

# --- 1. the SDK's venv -------------------------------------------------------------------------
want_sdk="global-open-sdk-python==1.7.1"
want_crypto="cryptography==44.0.3"
if ! "$venv/bin/python" - <<'EOF' 2>/dev/null; then
import importlib.metadata as m
assert m.version("global-open-sdk-python") == "1.7.1"
assert m.version("cryptography") == "44.0.3"
EOF
    log "creating $venv with $want_sdk $want_crypto"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$want_sdk" "$want_crypto"
fi

# --- 2. builds ---------------------------------------------------------------------------------
log "building alipay-vaulting (feature cli) and the load bench (feature simulator)"
(cd "$repo" && cargo build --quiet --release --features cli --bin alipay-vaulting)
(cd "$repo" && cargo bench --quiet --features simulator --bench load --no-run 2>/dev/null) ||
    (cd "$repo" && cargo bench --features simulator --bench load --no-run)
sim_bin="$target_dir/release/alipay-vaulting"

start_sim() {
    local out="$work/sim-$1.out"
    "$sim_bin" sim --keys "$work/keys" >"$out" 2>"$work/sim-$1.err" &
    sim_pid=$!
    for _ in $(seq 1 300); do # at most 30 s
        if [[ $(wc -l <"$out") -ge 3 ]]; then break; fi
        if ! kill -0 "$sim_pid" 2>/dev/null; then
            cat "$work/sim-$1.err" >&2
            echo "the simulator did not start" >&2
            exit 1
        fi
        sleep 0.1
    done
    base_url=$(sed -n 1p "$out")
    client_id=$(sed -n 3p "$out" | sed 's/^client id: //')
    [[ "$base_url" == http://127.0.0.1:* ]] || { echo "unexpected base URL: $base_url" >&2; exit 1; }
}

stop_sim() {
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
}

# --- 3. the SDK --------------------------------------------------------------------------------
start_sim sdk
log "Python SDK: $callers thread(s), $seconds s against $base_url (simulator pid $sim_pid)"
"$venv/bin/python" "$repo/bench-scripts/python_sdk_load.py" \
    --base-url "$base_url" --keys "$work/keys" --client-id "$client_id" \
    --threads "$callers" --seconds "$seconds" --card "$card" \
    --sim-pid "$sim_pid" --json "$work/sdk.json"
stop_sim

# --- 4. ours -----------------------------------------------------------------------------------
start_sim ours
log "alipay-vaulting: $callers caller(s), $seconds s against $base_url (simulator pid $sim_pid)"
(cd "$repo" && cargo bench --quiet --features simulator --bench load -- \
    --gateway "$base_url" --keys "$work/keys" --client-id "$client_id" \
    --callers "$callers" --seconds "$seconds" --cards "$card" --rsa-seconds 1 \
    --sim-pid "$sim_pid" --json "$work/ours.json")
stop_sim

# --- 5. the comparison -------------------------------------------------------------------------
python3 - "$work/sdk.json" "$work/ours.json" <<'EOF'
import json, sys
sdk, ours = (json.load(open(p)) for p in sys.argv[1:3])
def cpu(f, key):
    v = f["cpu_s"].get(key)
    return None if v is None else v / max(f["calls"], 1) * 1e6
rows = [
    ("RSA sign, one op (ms; SDK: 1 thread, ours: CPU time, all cores busy)",
     sdk["sdk_crypto_ms"]["sign"], ours["rsa"]["cpu_sign_us"] / 1e3, "%.3f"),
    ("RSA verify, one op (ms; same)",
     sdk["sdk_crypto_ms"]["verify"], ours["rsa"]["cpu_verify_us"] / 1e3, "%.3f"),
    ("calls/s", sdk["calls_per_s"], ours["calls_per_s"], "%.1f"),
    ("latency p50 (ms)", sdk["latency_ms"]["p50"], ours["latency_ms"]["p50"], "%.2f"),
    ("latency p99 (ms)", sdk["latency_ms"]["p99"], ours["latency_ms"]["p99"], "%.2f"),
    ("client CPU per call (us)", sdk["cpu_s"]["per_call_us"], ours["cpu_s"]["per_call_us"], "%.0f"),
    ("simulator CPU per call (us)", cpu(sdk, "simulator"), cpu(ours, "simulator"), "%.0f"),
    ("other processes' CPU (s)", sdk["cpu_s"]["others"], ours["cpu_s"]["others"], "%.1f"),
]
print("\nvs the official Python SDK: %d caller(s), %.0f s each, same simulator binary, card %s"
      % (ours["callers"], ours["seconds"], ours["cards"][0]))
print("| figure | Python SDK 1.7.1 | alipay-vaulting |")
print("|---|---:|---:|")
for name, a, b, fmt in rows:
    show = lambda v: "-" if v is None else fmt % v
    print("| %s | %s | %s |" % (name, show(a), show(b)))
ratio = ours["calls_per_s"] / sdk["calls_per_s"] if sdk["calls_per_s"] else float("inf")
p50 = sdk["latency_ms"]["p50"] / ours["latency_ms"]["p50"]
print("\ncalls/s: ours / SDK = %.1f x [target >= 20] %s" % (ratio, "MET" if ratio >= 20 else "MISSED"))
print("p50 latency: SDK / ours = %.1f x (ours is that many times lower)" % p50)
EOF
