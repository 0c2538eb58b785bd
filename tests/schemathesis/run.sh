#!/usr/bin/env bash
# Spec-conformance run: Schemathesis against the gateway simulator, from spec/vaulting.yaml.
#
#   bash tests/schemathesis/run.sh [PATH/TO/alipay-vaulting]
#
# The binary (built with `--features cli`) comes from the argument, else $ALIPAY_VAULTING_BIN,
# else <target dir>/debug/alipay-vaulting. The Python environment is a virtualenv at
# ${CARGO_TARGET_DIR:-target}/schemathesis-venv with requirements.txt, made on first use and
# reused while requirements.txt is unchanged (PyPI must be reachable the first time).
#
# Settings (environment):
#   SCHEMATHESIS_MAX_EXAMPLES   fuzzing examples per operation and mode (default 200)
#   SCHEMATHESIS_SEED           Hypothesis seed (default 20240314; the run is deterministic)
#   SCHEMATHESIS_WALL_SECONDS   hard wall-clock limit of the Schemathesis run (default 300)
#   SCHEMATHESIS_WORKERS        concurrent workers (default 1: deterministic order)
#   SCHEMATHESIS_REPORT_DIR     where the JSON/JUnit reports, the simulator log and the summary
#                               go (default <target dir>/schemathesis-report)
#   ALIPAY_SIM_CLIENT_IDS       client ids the hook signs with (default: a SANDBOX_ and a live
#                               id, so both /ams/sandbox/api and /ams/api paths are exercised)
#   PYTHON                      the interpreter that makes the virtualenv (default python3)
#   ALIPAY_SIM_ARGS             extra `sim` arguments, to check that the checks bite, e.g.
#                               "--fault bad-signature" or "--fault status=503" (the run must fail)
#
# Exit status: 0 when every check passed on every case, non-zero otherwise (failures, errors,
# the wall-clock limit, a simulator that died or panicked, or a setup problem).
# The last line on stdout is the summary: `schemathesis: <N> cases, <F> failed, ...`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac

bin="${1:-${ALIPAY_VAULTING_BIN:-$target/debug/alipay-vaulting}}"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-200}"
seed="${SCHEMATHESIS_SEED:-20240314}"
wall="${SCHEMATHESIS_WALL_SECONDS:-300}"
workers="${SCHEMATHESIS_WORKERS:-1}"
report_dir="${SCHEMATHESIS_REPORT_DIR:-$target/schemathesis-report}"
python="${PYTHON:-python3}"

log() { printf 'schemathesis-run: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[ -x "$bin" ] || die "no alipay-vaulting binary at $bin (cargo build --features cli, or pass its path)"
for value in "$max_examples" "$seed" "$wall" "$workers"; do
  [[ "$value" =~ ^[0-9]+$ ]] || die "not a number: $value"
done
command -v timeout >/dev/null || die "the timeout command (coreutils) is missing"

# ---------------------------------------------------------------------------------------------
# Python environment: made in a private directory and moved into place, so concurrent runs
# never see a half-made one.
# ---------------------------------------------------------------------------------------------
venv="$target/schemathesis-venv"
marker="$venv/.alipay-schemathesis-ready"
want="$(cat "$here/requirements.txt")"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  command -v "$python" >/dev/null || die "$python not found (Python 3.9+ with venv is needed)"
  mkdir -p "$target"
  tmp_venv="$target/schemathesis-venv.tmp-$$"
  rm -rf "$tmp_venv"
  log "making $venv"
  started=$SECONDS
  "$python" -m venv "$tmp_venv" </dev/null || { rm -rf "$tmp_venv"; die "\`$python -m venv\` failed"; }
  if ! "$tmp_venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$here/requirements.txt" </dev/null; then
    rm -rf "$tmp_venv"
    die "pip install -r tests/schemathesis/requirements.txt failed (is PyPI reachable?)"
  fi
  printf '%s' "$want" >"$tmp_venv/.alipay-schemathesis-ready"
  # A venv records its own path in its scripts: always call tools as `python -m ...`.
  rm -rf "$venv.old-$$"
  [ -e "$venv" ] && mv "$venv" "$venv.old-$$"
  mv "$tmp_venv" "$venv" || die "could not move the new virtualenv into $venv"
  rm -rf "$venv.old-$$"
  log "virtualenv ready in $((SECONDS - started)) s"
fi
vpython="$venv/bin/python"
versions="$("$vpython" -c 'import importlib.metadata as m; print(", ".join(p + " " + m.version(p) for p in ("schemathesis", "hypothesis", "cryptography")))')" \
  || die "the virtualenv at $venv is broken (delete it to have it remade)"
log "using $versions"

# ---------------------------------------------------------------------------------------------
# The simulator
# ---------------------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/alipay-schemathesis.XXXXXX")"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

read -r -a sim_args <<<"${ALIPAY_SIM_ARGS:-}"
"$bin" sim --port 0 --keys "$work/keys" --time-factor 0.0001 ${sim_args[@]+"${sim_args[@]}"} \
  >"$work/sim.out" 2>"$work/sim.err" </dev/null &
sim_pid=$!
base_url=""
for _ in $(seq 1 300); do
  if [ -s "$work/sim.out" ]; then
    base_url="$(head -n 1 "$work/sim.out")"
    [[ "$base_url" == http://* ]] && break
    base_url=""
  fi
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; die "the simulator exited at start"; }
  sleep 0.1
done
[ -n "$base_url" ] || { cat "$work/sim.err" >&2; die "the simulator printed no base URL within 30 s"; }
log "simulator $base_url (pid $sim_pid)"

# ---------------------------------------------------------------------------------------------
# Schemathesis
# ---------------------------------------------------------------------------------------------
mkdir -p "$report_dir"
rm -f "$report_dir"/run.json "$report_dir"/junit.xml "$report_dir"/stats.json "$report_dir"/summary.txt
export ALIPAY_SIM_KEYS="$work/keys"
export ALIPAY_SIM_BASE_URL="$base_url"
export ALIPAY_SIM_STATS="$report_dir/stats.json"
export SCHEMATHESIS_HOOKS="$here/hooks.py"
export PYTHONDONTWRITEBYTECODE=1
# Hypothesis' own cache (Unicode tables; the example database is off) stays in the target dir.
export HYPOTHESIS_STORAGE_DIRECTORY="$target/schemathesis-hypothesis"
export NO_COLOR=1

# Checks: every built-in one, except three that judge by HTTP status alone and are replaced by
# the hook's gateway-aware versions (the gateway answers refusals as HTTP 200 F/<code>):
#   negative_data_rejection  -> gateway_negative_data_rejection (200 F/PARAM_ILLEGAL = rejected)
#   positive_data_acceptance -> gateway_positive_data_acceptance (200 F/PARAM_ILLEGAL = refused)
#   ignored_auth             -> gateway_refuses_bad_signatures (200 F/INVALID_SIGNATURE)
# Custom checks registered by the hook run in addition (gateway_never_5xx,
# gateway_response_signature, gateway_accepts_our_signature).
# Security parameters are not generated: the hook sets the signature headers itself.
# --continue-on-failure: every generated case runs, so the counts do not depend on what failed.
# --suppress-health-check all: Hypothesis' speed/filter heuristics must not fail a slow CI box.
# Run from the work directory: nothing (.hypothesis, .schemathesis) lands in the checkout.
started=$SECONDS
set +e
(
  cd "$work"
  timeout --kill-after=10 "$wall" "$vpython" -m schemathesis.cli \
    --config-file "$here/schemathesis.toml" \
    run "$root/spec/vaulting.yaml" \
    --url "$base_url" \
    --checks all \
    --continue-on-failure \
    --exclude-checks negative_data_rejection,positive_data_acceptance,ignored_auth \
    --mode all \
    --max-examples "$max_examples" \
    --seed "$seed" \
    --workers "$workers" \
    --generation-with-security-parameters false \
    --generation-database none \
    --suppress-health-check all \
    --request-timeout 10 \
    --report json,junit \
    --report-dir "$report_dir" \
    --report-json-path "$report_dir/run.json" \
    --report-junit-path "$report_dir/junit.xml" \
    --no-color \
    </dev/null
)
status=$?
set -e
elapsed=$((SECONDS - started))
cp "$work/sim.err" "$report_dir/simulator.log" 2>/dev/null || true

problems=()
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  problems+=("hit the wall-clock limit of ${wall} s")
elif [ "$status" -ne 0 ]; then
  problems+=("schemathesis exited with status $status")
fi
if ! kill -0 "$sim_pid" 2>/dev/null; then
  problems+=("the simulator died during the run")
fi
if grep -q "panicked" "$work/sim.err"; then
  problems+=("the simulator panicked (see $report_dir/simulator.log)")
fi

# The summary, from Schemathesis' JSON report and the hook's request counters.
summary="$("$vpython" - "$report_dir/run.json" "$report_dir/stats.json" "$elapsed" "$max_examples" "$seed" <<'PY'
import json, sys

report_path, stats_path, elapsed, max_examples, seed = sys.argv[1:]
try:
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
except (OSError, ValueError):
    report = None
try:
    with open(stats_path, encoding="utf-8") as handle:
        stats = json.load(handle)
except (OSError, ValueError):
    stats = {}

def find(node, key):
    # The first value under `key` anywhere in the report (its layout is Schemathesis' own).
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for value in node.values():
            found = find(value, key)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = find(value, key)
            if found is not None:
                return found
    return None

cases = failed = unique = errors = "?"
if report is not None:
    totals = find(report, "test_cases")
    if isinstance(totals, dict):
        cases = totals.get("generated", "?")
        failed = totals.get("with_failures", "?")
        unique = totals.get("unique_failures", "?")
        errored = totals.get("errored", 0)
        errs = report.get("errors") if isinstance(report.get("errors"), list) else []
        errors = (errored if isinstance(errored, int) else 0) + len(errs)
results = ", ".join(f"{k} {v}" for k, v in sorted(stats.get("by_result", {}).items()))
print(
    f"schemathesis: {cases} cases, {failed} failed ({unique} unique failures), {errors} errors; "
    f"{stats.get('requests', '?')} requests sent ({results}), {stats.get('probes', 0)} signature probes; "
    f"max-examples {max_examples}, seed {seed}, {elapsed} s"
)
PY
)" || summary="schemathesis: summary unavailable (no report)"

printf '%s\n' "$summary" >"$report_dir/summary.txt"
if [ "${#problems[@]}" -gt 0 ]; then
  for problem in "${problems[@]}"; do log "FAILED: $problem"; done
  log "reports: $report_dir"
  printf '%s\n' "$summary"
  exit 1
fi
printf '%s\n' "$summary"
