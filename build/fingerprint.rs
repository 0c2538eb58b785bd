//! A fingerprint of the spec, written into the generated code's header, so that a build
//! without the `codegen` feature can tell that `spec/generated.rs` was made from the spec it
//! sits beside (and refuse to compile a stale copy). FNV-1a (64 bit): this detects edits, it
//! is not a security boundary.

/// The header line that carries the fingerprint.
pub const FINGERPRINT_PREFIX: &str = "// spec fingerprint: fnv1a64:";

/// The fingerprint of the spec's text, ignoring line-ending differences (CRLF checkouts).
pub fn spec_fingerprint(spec: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in spec.bytes().filter(|b| *b != b'\r') {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The fingerprint recorded in a generated file's header, if any.
pub fn recorded_fingerprint(generated: &str) -> Option<&str> {
    generated
        .lines()
        .take(10)
        .find_map(|line| line.strip_prefix(FINGERPRINT_PREFIX))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_edit_changes_the_fingerprint_but_line_endings_do_not() {
        let spec = "openapi: 3.0.3\ninfo: {title: t}\n";
        assert_eq!(
            spec_fingerprint(spec),
            spec_fingerprint(&spec.replace('\n', "\r\n"))
        );
        assert_ne!(
            spec_fingerprint(spec),
            spec_fingerprint(&spec.replace("t}", "u}"))
        );
        let generated = format!(
            "// header\n{FINGERPRINT_PREFIX}{}\n\nmod x {{}}",
            spec_fingerprint(spec)
        );
        assert_eq!(
            recorded_fingerprint(&generated),
            Some(spec_fingerprint(spec).as_str())
        );
        assert_eq!(recorded_fingerprint("// no fingerprint\nmod x {}"), None);
    }
}
