//! The quickstart's steps, run in-process (`cargo run -p quickstart` would build
//! and start another binary): every step is printed, and the card numbers never are.
#![cfg(feature = "simulator")]

// The example's `main` is not called here; the module is named after the example it holds.
#[allow(dead_code, clippy::module_inception)]
#[path = "../../quickstart/src/main.rs"]
mod quickstart;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quickstart_vaults_both_cards_and_verifies_the_notification() {
    let mut out = Vec::new();
    let started = std::time::Instant::now();
    let result = quickstart::run(&mut out).await;
    let text = String::from_utf8(out).unwrap();
    if let Err(error) = result {
        panic!("the quickstart failed: {error}\n{text}");
    }

    let token = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("Vaulted. Card token: "))
        .unwrap_or_else(|| panic!("no token printed for the plain card:\n{text}"));
    // Elided: a prefix and the length, never the whole credential.
    assert!(
        token.starts_with("ALIPAY") && token.contains("…(") && token.contains(" chars)"),
        "{token}"
    );
    for step in [
        "1. Started the gateway simulator at http://127.0.0.1:",
        "2. Started the merchant's site at http://127.0.0.1:",
        "The buyer must verify the card. normalUrl: http://127.0.0.1:",
        "GET  the 3-D Secure page -> HTTP 200",
        "POST decision=approve -> HTTP 303, redirect to http://127.0.0.1:",
        "GET  the redirectUrl -> HTTP 200",
        "3-D Secure approved.",
        "6. The webhook received the notification for quickstart-3ds-0001 and verified its signature",
        "result S (SUCCESS)",
        "7. inquireVaulting quickstart-3ds-0001: Succeeded. Card token: ",
        ", the same as in the notification.",
        "Done: both cards are vaulted.",
    ] {
        assert!(text.contains(step), "missing {step:?} in:\n{text}");
    }
    for card in [quickstart::PLAIN_CARD, quickstart::THREE_DS_CARD] {
        assert!(!text.contains(card), "a card number was printed:\n{text}");
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the quickstart should take seconds"
    );
}
