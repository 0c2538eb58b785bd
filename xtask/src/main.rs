//! Maintainer tasks for the workspace.
//!
//! - `cargo xtask codegen` regenerates the reviewed copy `spec/generated.rs` from the spec.
//! - `cargo xtask codegen --check` fails, naming the stale file, when copy and spec disagree.
//! - `cargo xtask spec` lints the spec (OpenAPI 3.0, operation ids, request limits, examples).
//!
//! `--root DIR` runs a task against another checkout (the tests use a temporary copy).

// build.rs's modules: one generator and one fingerprint for both callers. They live beside
// build.rs, outside this package, because cargo leaves a nested package's files out of the
// published crate.
#[path = "../../build/fingerprint.rs"]
mod fingerprint;
#[path = "../../build/generate.rs"]
mod generate;
mod schema_check;
mod spec_lint;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask codegen [--check] [--root DIR]\n       cargo xtask spec [--root DIR]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let mut check = false;
    let mut root = None;
    let mut task = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--root" => root = Some(PathBuf::from(rest.next().ok_or(USAGE)?)),
            "codegen" | "spec" if task.is_none() => task = Some(arg.as_str()),
            _ => return Err(USAGE.to_string()),
        }
    }
    let root = match root {
        Some(root) => root,
        None => workspace_root()?,
    };
    match task {
        Some("codegen") => codegen(&root, check),
        Some("spec") if !check => spec_lint::lint_file(&root.join(generate::SPEC_FILE)),
        _ => Err(USAGE.to_string()),
    }
}

/// The workspace root of the checkout this run was started in, found at run time.
///
/// Never the compile-time `CARGO_MANIFEST_DIR`: with a target directory shared by several
/// checkouts (worktrees, a global `CARGO_TARGET_DIR`), cargo may run an xtask binary built in
/// another checkout, which would then check that checkout's spec instead of this one's.
/// `cargo run` sets `CARGO_MANIFEST_DIR` for the process (xtask's folder, in this checkout);
/// run any other way, `cargo locate-project --workspace` finds the workspace from the current
/// directory.
fn workspace_root() -> Result<PathBuf, String> {
    if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        let xtask = PathBuf::from(manifest_dir);
        if let Some(root) = xtask
            .parent()
            .filter(|root| root.join("Cargo.toml").is_file())
        {
            return Ok(root.to_path_buf());
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .output()
        .map_err(|e| format!("cannot run `cargo locate-project`: {e}; pass --root DIR"))?;
    let manifest = String::from_utf8_lossy(&out.stdout).trim().to_string();
    match Path::new(&manifest).parent() {
        Some(root) if out.status.success() && !manifest.is_empty() => Ok(root.to_path_buf()),
        _ => Err(
            "cannot find the workspace (run `cargo xtask` inside the checkout, or pass --root DIR)"
                .into(),
        ),
    }
}

fn codegen(root: &Path, check: bool) -> Result<String, String> {
    let spec_path = root.join(generate::SPEC_FILE);
    let copy_path = root.join(generate::REVIEWED_COPY);
    let spec = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let code = generate::generate(&spec)?;
    if check {
        let committed = std::fs::read_to_string(&copy_path).unwrap_or_default();
        if committed != code {
            let why = if fingerprint::recorded_fingerprint(&committed)
                == Some(fingerprint::spec_fingerprint(&spec).as_str())
            {
                "the generator's output changed"
            } else {
                "the spec changed since it was generated"
            };
            return Err(format!(
                "{} is stale ({why}): it does not match what {} generates; run `cargo xtask codegen` and commit the result",
                generate::REVIEWED_COPY,
                generate::SPEC_FILE
            ));
        }
        return Ok(format!("{} is up to date", generate::REVIEWED_COPY));
    }
    std::fs::write(&copy_path, &code)
        .map_err(|e| format!("cannot write {}: {e}", copy_path.display()))?;
    Ok(format!(
        "wrote {} ({} lines)",
        generate::REVIEWED_COPY,
        code.lines().count()
    ))
}
