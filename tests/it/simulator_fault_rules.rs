//! The text form of fault rules (command line and standalone configuration).
#![cfg(feature = "simulator")]

use std::time::Duration;

use alipay_vaulting::simulator::{Fault, FaultRule, Operation};

#[test]
fn every_fault_parses_and_round_trips() {
    let cases = [
        ("latency=250ms", Fault::Latency(Duration::from_millis(250))),
        ("latency=1.5s", Fault::Latency(Duration::from_millis(1500))),
        ("latency=40", Fault::Latency(Duration::from_millis(40))),
        ("drop-before", Fault::DropBeforeProcessing),
        ("drop-after", Fault::DropAfterProcessing),
        ("status=503", Fault::Status(503)),
        ("malformed", Fault::MalformedBody),
        ("no-signature", Fault::MissingSignature),
        ("bad-signature", Fault::BadSignature),
    ];
    for (text, fault) in cases {
        let rule: FaultRule = text.parse().unwrap();
        assert_eq!(rule, FaultRule::always(fault.clone()), "{text}");
        let again: FaultRule = rule.to_string().parse().unwrap();
        assert_eq!(again, rule, "{text}");
    }
}

#[test]
fn options_narrow_the_rule() {
    let rule: FaultRule = "status=502, op=vault, times=2".parse().unwrap();
    assert_eq!(
        rule,
        FaultRule::always(Fault::Status(502))
            .on(Operation::Vault)
            .times(2)
    );
    assert_eq!(rule.to_string(), "status=502,op=vault,times=2");
    let rule: FaultRule = "drop-after,op=inquireVaulting".parse().unwrap();
    assert_eq!(rule.operation, Some(Operation::Inquire));
    assert_eq!(rule.times, None);
    let rule: FaultRule = "malformed,times=1".parse().unwrap();
    assert_eq!(rule, FaultRule::once(Fault::MalformedBody));
}

#[test]
fn bad_rules_say_what_is_expected() {
    for bad in [
        "",
        "explode",
        "latency",
        "latency=fast",
        "status=99",
        "status=abc",
        "drop-after=1",
        "malformed,op=pay",
        "malformed,times=-1",
        "malformed,color=red",
        "malformed,op",
    ] {
        let error = bad.parse::<FaultRule>().unwrap_err();
        assert!(
            error.to_string().contains("latency=250ms"),
            "{bad}: {error}"
        );
    }
}
