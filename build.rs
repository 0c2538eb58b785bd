//! Generates the client, the models and their validators from `spec/vaulting.yaml` into
//! `OUT_DIR`, with the same function `cargo xtask codegen` uses for the reviewed copy.

#[path = "xtask/src/generate.rs"]
#[allow(dead_code)] // the xtask uses the rest of the module
mod generate;

fn main() {
    println!("cargo::rerun-if-changed={}", generate::SPEC_FILE);
    println!("cargo::rerun-if-changed=xtask/src/generate.rs");
    println!("cargo::rerun-if-changed=build.rs");

    let spec = std::fs::read_to_string(generate::SPEC_FILE)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", generate::SPEC_FILE));
    let code = generate::generate(&spec).unwrap_or_else(|e| panic!("code generation failed: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("generated.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
