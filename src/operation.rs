//! The API's operations, named once: the client's pipeline, the retry policy, the simulator's
//! routes and fault rules, and the command-line tool all use this one enum.

use std::fmt;
use std::str::FromStr;

/// An operation of the vaulting API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `vaultPaymentMethod`: changes state at Alipay (vaults a card).
    Vault,
    /// `inquireVaulting`: read-only.
    Inquire,
}

/// The live path prefix; sandbox client ids call [`SANDBOX_PREFIX`] instead.
pub(crate) const LIVE_PREFIX: &str = "/ams/api/";
/// The path prefix of sandbox client ids (`SANDBOX_...`).
pub(crate) const SANDBOX_PREFIX: &str = "/ams/sandbox/api/";

impl Operation {
    /// Every operation, in the order of the API documents.
    pub const ALL: [Operation; 2] = [Operation::Vault, Operation::Inquire];

    /// The API's name: `vaultPaymentMethod` or `inquireVaulting`.
    pub fn api_name(self) -> &'static str {
        match self {
            Operation::Vault => "vaultPaymentMethod",
            Operation::Inquire => "inquireVaulting",
        }
    }

    /// The live request path, e.g. `/ams/api/v1/vaults/vaultPaymentMethod` (the path the
    /// generated client calls and that request and response signatures cover).
    pub fn path(self) -> &'static str {
        match self {
            Operation::Vault => "/ams/api/v1/vaults/vaultPaymentMethod",
            Operation::Inquire => "/ams/api/v1/vaults/inquireVaulting",
        }
    }

    /// The path a sandbox client id (`SANDBOX_...`) calls instead of [`path`](Self::path).
    pub fn sandbox_path(self) -> String {
        sandbox_path(self.path()).unwrap_or_else(|| self.path().to_string())
    }

    /// Whether the operation only reads (so any transient failure may be retried).
    pub fn is_read_only(self) -> bool {
        matches!(self, Operation::Inquire)
    }
}

/// `/ams/api/...` rewritten to `/ams/sandbox/api/...`; `None` for any other path.
pub(crate) fn sandbox_path(live: &str) -> Option<String> {
    live.strip_prefix(LIVE_PREFIX)
        .map(|rest| format!("{SANDBOX_PREFIX}{rest}"))
}

impl fmt::Display for Operation {
    /// `vault` or `inquire` (the short form [`FromStr`] and the simulator's fault rules use).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::Vault => "vault",
            Operation::Inquire => "inquire",
        })
    }
}

impl FromStr for Operation {
    type Err = UnknownOperation;

    /// `vault` / `vaultPaymentMethod` or `inquire` / `inquireVaulting`, any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Operation::ALL
            .into_iter()
            .find(|op| {
                text.eq_ignore_ascii_case(&op.to_string())
                    || text.eq_ignore_ascii_case(op.api_name())
            })
            .ok_or(UnknownOperation)
    }
}

/// A name that is not an operation of the vaulting API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownOperation;

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the operation must be vault (vaultPaymentMethod) or inquire (inquireVaulting)")
    }
}

impl std::error::Error for UnknownOperation {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        for op in Operation::ALL {
            assert_eq!(op.to_string().parse::<Operation>(), Ok(op));
            assert_eq!(op.api_name().to_uppercase().parse::<Operation>(), Ok(op));
            assert!(op.path().ends_with(op.api_name()));
            assert_eq!(
                op.sandbox_path(),
                op.path().replace("/ams/api/", "/ams/sandbox/api/")
            );
        }
        assert_eq!("pay".parse::<Operation>(), Err(UnknownOperation));
        assert_eq!(sandbox_path("/other"), None);
    }
}
