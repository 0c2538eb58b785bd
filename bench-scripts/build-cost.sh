#!/usr/bin/env bash
# What depending on alipay-vaulting costs at build time, next to the floor any HTTP+JSON client
# pays anyway.
#
#   bench-scripts/build-cost.sh
#
# In a temp dir it makes:
#   - a snapshot copy of this repo (no target/, no .git; edits happen there, never in the tree),
#   - `dependent`: a binary crate depending on the copy by path (default features),
#   - `floor`: a binary crate depending only on reqwest (our version and features:
#     default-features = false, features = ["json", "rustls", "http2"]), tokio and serde (our
#     versions and features),
# both with this repo's Cargo.lock (so shared dependencies resolve to the same versions), and
# times with `date` (wall):
#   1. `cargo build -jJOBS` (debug) of each, each with a fresh CARGO_TARGET_DIR  -> ratio [<= 1.3]
#   2. the dependent's rebuild after a one-line change to the copy's spec/vaulting.yaml (a
#      description edited; when the crate compiles a reviewed copy of the generated code, i.e.
#      it has a `codegen` feature, `cargo xtask codegen` regenerates it first, timed apart: that
#      is the maintainer's step, not the dependent's)
#   3. the dependent's rebuild touching nothing.
#
# Options (env): BUILD_COST_JOBS (default 2), BUILD_COST_KEEP=1 keeps the temp dir,
# BUILD_COST_SKIP_SPEC=1 skips step 2. Downloads happen in an untimed `cargo fetch` (nothing to
# download once the shared registry cache ~/.cargo has the crates); the timed builds use
# --offline.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${BUILD_COST_JOBS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/build-cost.XXXXXX")
if [[ "${BUILD_COST_KEEP:-0}" == 1 ]]; then
    echo "keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
# Whatever the caller's environment says, these builds use their own target dirs and no wrapper.
unset CARGO_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_INCREMENTAL

log() { printf '== %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# The requirement line of a dependency in our Cargo.toml, e.g. `{ version = "1.40", ... }`.
dep_spec() {
    local line
    line=$(grep -E "^$1 *= *" "$repo/Cargo.toml" | head -n1) || true
    [[ -n "$line" ]] || { echo "no $1 in Cargo.toml [dependencies]" >&2; exit 1; }
    printf '%s' "${line#*= }"
}

# --- the copy and the two crates ---------------------------------------------------------------
copy="$work/alipay-vaulting"
mkdir -p "$copy"
tar -C "$repo" --exclude=./target --exclude=./.git --exclude=./.venv -cf - . | tar -C "$copy" -xf -

mkdir -p "$work/floor/src" "$work/dependent/src"
reqwest_spec=$(dep_spec reqwest)
tokio_spec=$(dep_spec tokio)
serde_spec=$(dep_spec serde)
cat >"$work/floor/Cargo.toml" <<EOF
[package]
name = "floor"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
reqwest = $reqwest_spec
tokio = $tokio_spec
serde = $serde_spec
EOF
cat >"$work/floor/src/main.rs" <<'EOF'
// Uses each dependency a little, so that everything is compiled and linked.
#[derive(serde::Serialize, serde::Deserialize)]
struct Ping {
    id: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = reqwest::Client::builder().build().expect("client");
    let request = client.post("http://127.0.0.1:9/").json(&Ping { id: "x".into() }).build();
    println!("{}", request.is_ok());
}
EOF
cat >"$work/dependent/Cargo.toml" <<EOF
[package]
name = "dependent"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
alipay-vaulting = { path = "$copy" }
EOF
cat >"$work/dependent/src/main.rs" <<'EOF'
// Uses the crate a little, so that it is compiled and linked.
fn main() {
    let built = alipay_vaulting::Client::builder().client_id("SANDBOX_X").build();
    println!("{}", built.is_err());
}
EOF
cp "$repo/Cargo.lock" "$work/floor/Cargo.lock"
cp "$repo/Cargo.lock" "$work/dependent/Cargo.lock"

for crate in floor dependent; do
    log "cargo fetch ($crate, untimed)"
    (cd "$work/$crate" && cargo fetch --quiet)
done

build() { # crate label -> prints seconds
    local crate=$1 label=$2 start end
    start=$(now)
    if ! (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" \
        cargo build --offline -j "$jobs" >"$work/$label.log" 2>&1); then
        tail -n 30 "$work/$label.log" >&2
        echo "build failed: $label (a working tree caught mid-edit, e.g. spec/generated.rs not yet regenerated, fails here too: retry)" >&2
        exit 1
    fi
    end=$(now)
    elapsed "$start" "$end"
}

echo "build cost: $(date -u +%Y-%m-%dT%H:%MZ), $(rustc --version), -j$jobs, $(nproc) core(s), load average at start $(loadavg)"
echo "reqwest = $reqwest_spec"
echo "tokio = $tokio_spec"
echo "serde = $serde_spec"

# --- 1. clean builds ---------------------------------------------------------------------------
log "clean debug build: floor (reqwest + tokio + serde)"
floor_s=$(build floor floor-clean)
floor_units=$(grep -c "Compiling" "$work/floor-clean.log" || true)
log "clean debug build: dependent (alipay-vaulting, default features)"
dep_s=$(build dependent dependent-clean)
dep_units=$(grep -c "Compiling" "$work/dependent-clean.log" || true)
ratio=$(awk -v a="$dep_s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')

# --- 2. one-line spec change -------------------------------------------------------------------
spec="$copy/spec/vaulting.yaml"
regen_s="-"
spec_s="-"
if [[ "${BUILD_COST_SKIP_SPEC:-0}" != 1 ]]; then
    cp "$spec" "$work/spec.before"
    # The first one-line description of a schema property under `components:` (indented 10+
    # spaces) gets a word more: a doc comment of a generated type changes.
    awk '/^components:/ { inside = 1 }
         inside && done != 1 && /^          +description: [A-Z].*\.$/ { sub(/\.$/, ". Edited."); done = 1 }
         { print }' \
        "$work/spec.before" >"$spec"
    if cmp -s "$spec" "$work/spec.before"; then
        echo "found no one-line description to edit in spec/vaulting.yaml" >&2
        exit 1
    fi
    edited_line=$( (diff "$work/spec.before" "$spec" || true) | grep '^>' | head -n1 | cut -c3- | sed 's/^ *//')
    if grep -qE '^codegen *=' "$copy/Cargo.toml"; then
        log "the crate compiles a reviewed copy: cargo xtask codegen (maintainer step, timed apart)"
        start=$(now)
        if ! (cd "$copy" && CARGO_TARGET_DIR="$work/target-xtask" \
            cargo xtask codegen >"$work/xtask.log" 2>&1); then
            tail -n 30 "$work/xtask.log" >&2
            echo "cargo xtask codegen failed" >&2
            exit 1
        fi
        regen_s=$(elapsed "$start" "$(now)")
    fi
    log "dependent rebuild after the spec edit"
    spec_s=$(build dependent dependent-spec)
fi

# --- 3. touching nothing -----------------------------------------------------------------------
log "dependent rebuild, nothing touched"
noop_s=$(build dependent dependent-noop)

echo
echo "| build (debug, -j$jobs, fresh CARGO_TARGET_DIR) | wall | units compiled |"
echo "|---|---:|---:|"
echo "| floor: reqwest + tokio + serde | ${floor_s} s | ${floor_units} |"
echo "| dependent: alipay-vaulting (default features) | ${dep_s} s | ${dep_units} |"
if [[ "$regen_s" != "-" ]]; then
    echo "| (maintainer) cargo xtask codegen after the spec edit, xtask built cold | ${regen_s} s | |"
fi
echo "| dependent rebuild after a one-line spec edit | ${spec_s} s | |"
echo "| dependent rebuild, nothing touched | ${noop_s} s | |"
echo
echo "clean build ratio dependent / floor = ${dep_s} / ${floor_s} = ${ratio} [target <= 1.3] $(awk -v r="$ratio" 'BEGIN { print (r <= 1.3 ? "MET" : "MISSED") }')"
if [[ "${BUILD_COST_SKIP_SPEC:-0}" != 1 ]]; then
    echo "spec edit: ${edited_line}"
fi
units() { sed -n 's/^ *Compiling \([^ ]*\) .*/\1/p' "$work/$1.log" | sort -u; }
echo "compiled for the dependent only: $(comm -13 <(units floor-clean) <(units dependent-clean) | tr '\n' ' ')"
echo "compiled for the floor only: $(comm -23 <(units floor-clean) <(units dependent-clean) | tr '\n' ' ')"
echo "load average at end: $(loadavg)"
