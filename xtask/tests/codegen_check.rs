//! `cargo xtask codegen --check` must notice a spec edited without regenerating, and name the
//! stale file. Runs the real xtask binary against a temporary copy of the spec folder.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn temp_copy() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let root = std::env::temp_dir().join(format!("xtask-check-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(root.join("spec")).unwrap();
    for file in ["spec/vaulting.yaml", "spec/generated.rs"] {
        std::fs::copy(workspace().join(file), root.join(file)).unwrap();
    }
    root
}

fn xtask(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn check_passes_on_the_committed_copy_and_fails_after_a_spec_edit() {
    let root = temp_copy();

    let fresh = xtask(&root, &["codegen", "--check"]);
    assert!(
        fresh.status.success(),
        "committed copy should be up to date: {}",
        String::from_utf8_lossy(&fresh.stderr)
    );

    // A one-line edit: a new optional request field.
    let spec_path = root.join("spec/vaulting.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let anchor = "      properties:\n        vaultingRequestId:";
    assert!(
        spec.contains(anchor),
        "spec layout changed; update this test"
    );
    let edited = spec.replacen(
        anchor,
        "      properties:\n        addedByTest: {type: string, maxLength: 8, description: Added by a test.}\n        vaultingRequestId:",
        1,
    );
    std::fs::write(&spec_path, edited).unwrap();

    let stale = xtask(&root, &["codegen", "--check"]);
    assert!(
        !stale.status.success(),
        "an edited spec must fail the check"
    );
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert!(
        stderr.contains("spec/generated.rs is stale"),
        "the error must name the stale file, got: {stderr}"
    );

    // Regenerating makes the check pass again, and the copy now holds the new field.
    let regen = xtask(&root, &["codegen"]);
    assert!(regen.status.success());
    let copy = std::fs::read_to_string(root.join("spec/generated.rs")).unwrap();
    assert!(copy.contains("added_by_test"));
    assert!(xtask(&root, &["codegen", "--check"]).status.success());

    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn spec_lint_passes_on_the_committed_spec() {
    let out = xtask(&workspace(), &["spec"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("examples validated"));
}
