//! The fixtures in `tests/fixtures/` against their sources in the `shared/` folder beside the
//! checkout (`tests/fixtures/README.md` lists them): the signing vectors and the key files byte
//! for byte, each example body against its ```json block of the API document, and
//! `api/result_codes.json` against the result/error-code tables parsed from the documents' text.
//! Every file under `tests/fixtures/` except the README must be one of those checked.
//!
//! A clone of the repository alone has no `shared/`: then the test prints that it skipped, and
//! passes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

const VAULT_DOC: &str = "000_7a0b469394446a81.txt";
const INQUIRE_DOC: &str = "002_bb74f9ebafb530fb.txt";

/// (fixture under `api/`, document, index of its ```json block).
const BODIES: [(&str, &str, usize); 4] = [
    ("vault_payment_method.request.json", VAULT_DOC, 0),
    ("vault_payment_method.response.json", VAULT_DOC, 1),
    ("inquire_vaulting.request.json", INQUIRE_DOC, 0),
    ("inquire_vaulting.response.json", INQUIRE_DOC, 1),
];

/// (operation in `api/result_codes.json`, its document).
const TABLES: [(&str, &str); 2] = [
    ("vaultPaymentMethod", VAULT_DOC),
    ("inquireVaulting", INQUIRE_DOC),
];

/// The heading of the result-code table, and the table's columns in the documents' order.
const TABLE_HEADING: &str = "### 结果/错误代码";
const TABLE_COLUMNS: [&str; 4] = ["代码", "值", "消息", "进一步操作"];
/// The keys of a row of `api/result_codes.json`, for the columns above.
const ROW_KEYS: [&str; 4] = [
    "resultCode",
    "resultStatus",
    "resultMessage",
    "furtherAction",
];

fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of the files in `dir`.
fn file_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Every file under `dir`, recursively, as paths relative to `root`.
fn files_under(root: &Path, dir: &Path, into: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(root, &path, into);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            into.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The text of the `n`th ```json block of a document: the lines between its fence lines.
fn json_block(text: &str, n: usize) -> Option<&str> {
    let rest = text.split("```json").nth(n + 1)?;
    let body = rest.strip_prefix('\n')?;
    let end = body.find("```")?;
    Some(&body[..end])
}

/// A table row's cells: split on the `|` that are not escaped, without the outer pipes (the
/// documents sometimes leave out the closing one).
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = match inner.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(next) = chars.next() {
                    cell.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells.iter().map(|cell| unescape(cell.trim())).collect()
}

/// Removes Markdown's backslash escapes (`PARAM\_ILLEGAL` is `PARAM_ILLEGAL`).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The document's result-code table, as the rows of `api/result_codes.json` are written.
fn document_table(document: &str, text: &str) -> Result<Vec<Value>, String> {
    let (_, after) = text
        .split_once(TABLE_HEADING)
        .ok_or_else(|| format!("{document}: no heading {TABLE_HEADING:?}"))?;
    let mut lines = after
        .lines()
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| line.trim_start().starts_with('|'));
    let header = cells(lines.next().unwrap_or_default());
    if header != TABLE_COLUMNS {
        return Err(format!(
            "{document}: the table's columns are {header:?}, not {TABLE_COLUMNS:?}"
        ));
    }
    let separator = cells(lines.next().unwrap_or_default());
    if separator.len() != TABLE_COLUMNS.len() || !separator.iter().all(|c| c.starts_with("---")) {
        return Err(format!(
            "{document}: no separator row under the table's header"
        ));
    }
    lines
        .map(|line| {
            let row = cells(line);
            if row.len() != TABLE_COLUMNS.len() {
                return Err(format!("{document}: a row of {} cells: {line}", row.len()));
            }
            let mut object = json!({});
            for (key, value) in ROW_KEYS.iter().zip(row) {
                object[*key] = json!(value);
            }
            Ok(object)
        })
        .collect()
}

#[test]
fn fixtures_match_the_documents() {
    let shared = PathBuf::from(SHARED);
    if !shared.join("api").is_dir() {
        eprintln!(
            "fixtures_match_the_documents: SKIPPED: {} does not exist, so the fixtures in \
             tests/fixtures cannot be compared with their sources",
            shared.join("api").display()
        );
        return;
    }
    let fixtures = PathBuf::from(FIXTURES);
    let mut problems: Vec<String> = Vec::new();
    let mut checked: BTreeSet<String> = BTreeSet::new();
    let mut same_bytes = |fixture: &str, source: &Path, problems: &mut Vec<String>| {
        checked.insert(fixture.to_string());
        if read_bytes(&fixtures.join(fixture)) != read_bytes(source) {
            problems.push(format!("{fixture} differs from {}", source.display()));
        }
    };

    // The signing vectors and every key file, byte for byte, and no key file more or less.
    same_bytes(
        "vectors/signing.json",
        &shared.join("vectors/signing.json"),
        &mut problems,
    );
    let shared_keys = file_names(&shared.join("vectors/keys"));
    let fixture_keys = file_names(&fixtures.join("keys"));
    if shared_keys != fixture_keys {
        problems.push(format!(
            "the key files differ: shared/vectors/keys has {shared_keys:?}, tests/fixtures/keys \
             has {fixture_keys:?}"
        ));
    }
    if shared_keys.len() != 12 {
        problems.push(format!(
            "shared/vectors/keys has {} files, not 12",
            shared_keys.len()
        ));
    }
    for name in shared_keys.intersection(&fixture_keys) {
        same_bytes(
            &format!("keys/{name}"),
            &shared.join("vectors/keys").join(name),
            &mut problems,
        );
    }

    // Each example body: the exact text of its ```json block.
    for (fixture, document, n) in BODIES {
        let path = format!("api/{fixture}");
        checked.insert(path.clone());
        let text = read_text(&shared.join("api").join(document));
        match json_block(&text, n) {
            None => problems.push(format!("{document} has no ```json block {n} (for {path})")),
            Some(block) => {
                if read_text(&fixtures.join(&path)) != block {
                    problems.push(format!(
                        "{path} differs from ```json block {n} of {document}"
                    ));
                }
            }
        }
    }

    // The result-code tables, parsed from the documents, against the data file.
    checked.insert("api/result_codes.json".to_string());
    let data: Value =
        serde_json::from_str(&read_text(&fixtures.join("api/result_codes.json"))).unwrap();
    let operations: BTreeSet<&str> = data
        .as_object()
        .expect("result_codes.json is an object")
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = TABLES.iter().map(|(operation, _)| *operation).collect();
    if operations != expected {
        problems.push(format!(
            "result_codes.json has the operations {operations:?}, not {expected:?}"
        ));
    }
    for (operation, document) in TABLES {
        let text = read_text(&shared.join("api").join(document));
        match document_table(document, &text) {
            Err(problem) => problems.push(problem),
            Ok(rows) => {
                let empty = Vec::new();
                let data_rows = data[operation].as_array().unwrap_or(&empty);
                if data_rows.len() != rows.len() {
                    problems.push(format!(
                        "{operation}: result_codes.json has {} rows, the table of {document} \
                         has {}",
                        data_rows.len(),
                        rows.len()
                    ));
                }
                for (i, (data_row, row)) in data_rows.iter().zip(&rows).enumerate() {
                    if data_row != row {
                        problems.push(format!(
                            "{operation}: row {i} of result_codes.json is {data_row}, the \
                             table of {document} says {row}"
                        ));
                    }
                }
            }
        }
    }

    // Every fixture is one of the files checked above.
    let mut present = BTreeSet::new();
    files_under(&fixtures, &fixtures, &mut present);
    present.remove("README.md");
    let unchecked: Vec<_> = present.difference(&checked).collect();
    if !unchecked.is_empty() {
        problems.push(format!(
            "fixtures compared with nothing in shared/ (add them to this test): {unchecked:?}"
        ));
    }

    assert!(
        problems.is_empty(),
        "the fixtures no longer match their sources in {}:\n{}",
        shared.display(),
        problems.join("\n")
    );
    println!(
        "fixtures_match_the_documents: {} fixture files match {}",
        checked.len(),
        shared.display()
    );
}
