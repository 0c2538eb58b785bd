//! CLI (being written).
fn main() {}
