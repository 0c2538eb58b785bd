//! Puts the code generated from `spec/vaulting.yaml` into `OUT_DIR`.
//!
//! - With the `codegen` feature (maintainers, CI), it runs the generator itself: the same
//!   function `cargo xtask codegen` uses for the reviewed copy `spec/generated.rs`.
//! - Without it (every crate that depends on this one), it compiles the reviewed copy, after
//!   checking that the copy's recorded spec fingerprint matches the spec, so progenitor and its
//!   dependency tree are not built by every dependent. `cargo xtask codegen --check` in CI keeps
//!   the copy byte-identical to the generator's output.

#[path = "build/fingerprint.rs"]
#[allow(dead_code)] // each build uses one half of it
mod fingerprint;
#[cfg(feature = "codegen")]
#[path = "build/generate.rs"]
#[allow(dead_code)] // the xtask uses the rest of the module
mod generate;

const SPEC_FILE: &str = "spec/vaulting.yaml";
const REVIEWED_COPY: &str = "spec/generated.rs";

fn main() {
    println!("cargo::rerun-if-changed={SPEC_FILE}");
    println!("cargo::rerun-if-changed={REVIEWED_COPY}");
    println!("cargo::rerun-if-changed=build/generate.rs");
    println!("cargo::rerun-if-changed=build/fingerprint.rs");
    println!("cargo::rerun-if-changed=build.rs");

    let spec = std::fs::read_to_string(SPEC_FILE)
        .unwrap_or_else(|e| panic!("cannot read {SPEC_FILE}: {e}"));
    let code = generated(&spec);
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("generated.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

#[cfg(feature = "codegen")]
fn generated(spec: &str) -> String {
    generate::generate(spec).unwrap_or_else(|e| panic!("code generation failed: {e}"))
}

#[cfg(not(feature = "codegen"))]
fn generated(spec: &str) -> String {
    let copy = std::fs::read_to_string(REVIEWED_COPY)
        .unwrap_or_else(|e| panic!("cannot read {REVIEWED_COPY}: {e}"));
    let expected = fingerprint::spec_fingerprint(spec);
    match fingerprint::recorded_fingerprint(&copy) {
        Some(recorded) if recorded == expected => copy,
        _ => panic!(
            "{REVIEWED_COPY} was not generated from the current {SPEC_FILE}: run `cargo xtask codegen` \
             (or build with `--features codegen`)"
        ),
    }
}
