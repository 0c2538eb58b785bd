//! Certificates made in the tests (rcgen): a test CA, and server certificates it signs for a
//! name, valid now or expired.
#![allow(dead_code)]

use alipay_vaulting::RootCertificate;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};

/// A certificate authority made for one test.
pub struct TestCa {
    params: CertificateParams,
    key: KeyPair,
    /// Its certificate, PEM.
    pub pem: String,
}

/// A server certificate (with the CA's after it) and its private key, PEM.
pub struct ServerCert {
    pub chain_pem: String,
    pub key_pem: String,
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let pem = params.self_signed(&key).unwrap().pem();
        TestCa { params, key, pem }
    }

    /// The CA as a root to trust.
    pub fn root(&self) -> RootCertificate {
        RootCertificate::from_pem(&self.pem).unwrap().remove(0)
    }

    /// A server certificate for `names`, valid from yesterday for a year.
    pub fn server(&self, names: &[&str]) -> ServerCert {
        let now = time_now();
        self.issue(names, now - 86_400, now + 365 * 86_400)
    }

    /// A server certificate for `names` that expired a year ago.
    pub fn expired_server(&self, names: &[&str]) -> ServerCert {
        let now = time_now();
        self.issue(names, now - 2 * 365 * 86_400, now - 365 * 86_400)
    }

    fn issue(&self, names: &[&str], not_before: i64, not_after: i64) -> ServerCert {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .unwrap();
        params.distinguished_name.push(DnType::CommonName, names[0]);
        params.not_before = rcgen::date_time_ymd(1970, 1, 1) + seconds(not_before);
        params.not_after = rcgen::date_time_ymd(1970, 1, 1) + seconds(not_after);
        let issuer = Issuer::from_params(&self.params, &self.key);
        let certificate = params.signed_by(&key, &issuer).unwrap();
        ServerCert {
            chain_pem: format!("{}{}", certificate.pem(), self.pem),
            key_pem: key.serialize_pem(),
        }
    }
}

fn time_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn seconds(n: i64) -> std::time::Duration {
    std::time::Duration::from_secs(n.max(0) as u64)
}
