//! `cargo xtask codegen --check` must notice a spec edited without regenerating, and name the
//! stale file. Runs the real xtask binary against a temporary copy of the spec folder.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The checkout this test runs in: the `CARGO_MANIFEST_DIR` cargo sets when it runs the test,
/// not the one compiled in, for the same reason as the xtask's own (a shared target directory
/// may hold a test binary built in another checkout).
fn workspace() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir.parent().unwrap().to_path_buf()
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

/// The target directory this test binary was built in (`<target>/debug/deps/<test>`).
fn shared_target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// What `cargo xtask` needs of a checkout: the workspace's manifests, lock file, sources and
/// spec. The copies get an old modification time, as files a checkout has had for a while do:
/// that is when cargo finds the xtask binary already in the shared target directory fresh, and
/// runs it instead of building it from this checkout.
fn second_checkout() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let root = std::env::temp_dir().join(format!("xtask-checkout-{}-{nanos}", std::process::id()));
    let files = [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "xtask/Cargo.toml",
        "quickstart/Cargo.toml",
    ];
    let dirs = [
        ".cargo",
        "benches",
        "build",
        "examples",
        "spec",
        "src",
        "xtask/src",
        "quickstart/src",
    ];
    for file in files {
        let to = root.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        copy_file(&workspace().join(file), &to);
    }
    for dir in dirs {
        copy_dir(&workspace().join(dir), &root.join(dir));
    }
    root
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            copy_file(&entry.path(), &target);
        }
    }
}

fn copy_file(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(to)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
}

/// `cargo xtask codegen --check` run the way a maintainer runs it, inside `checkout`, with the
/// target directory this workspace's build uses.
fn cargo_xtask_check(checkout: &Path) -> std::process::Output {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["xtask", "codegen", "--check"])
        .current_dir(checkout)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        // The variables cargo set for this test process describe this checkout, not that one.
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("CARGO_PKG_NAME")
        .output()
        .unwrap()
}

/// A second checkout that shares the target directory (git worktrees, a global
/// `CARGO_TARGET_DIR`) runs an xtask binary that may have been built in the first one: the
/// check must still read the second checkout's spec, and fail when it is stale.
#[test]
fn check_reads_the_checkout_it_runs_in_even_with_a_shared_target_dir() {
    let checkout = second_checkout();
    let fresh = cargo_xtask_check(&checkout);
    assert!(
        fresh.status.success(),
        "the copied checkout should be up to date: {}",
        String::from_utf8_lossy(&fresh.stderr)
    );

    let spec_path = checkout.join("spec/vaulting.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let anchor = "      properties:\n        vaultingRequestId:";
    assert!(
        spec.contains(anchor),
        "spec layout changed; update this test"
    );
    let edited = spec.replacen(
        anchor,
        "      properties:\n        addedBySecondCheckout: {type: string, maxLength: 8, description: Added by a test.}\n        vaultingRequestId:",
        1,
    );
    std::fs::write(&spec_path, edited).unwrap();

    let stale = cargo_xtask_check(&checkout);
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert!(
        !stale.status.success(),
        "a stale spec in the second checkout must fail the check: {stderr}"
    );
    assert!(
        stderr.contains("spec/generated.rs is stale"),
        "the error must name the stale file, got: {stderr}"
    );
    std::fs::remove_dir_all(&checkout).unwrap();
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
