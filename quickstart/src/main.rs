//! Quickstart: vault two cards against the local gateway simulator, one of them through
//! 3-D Secure, with a real webhook handler receiving Alipay's notification.
//!
//! ```sh
//! cargo run -p quickstart
//! ```
//!
//! Everything runs on this machine: no Alipay account, keys or network needed. The steps are
//! the ones a merchant integration takes against the real gateway:
//!
//! 1. a client (client id, merchant private key, Alipay public key, gateway);
//! 2. a webhook handler that verifies each `notifyVaulting` notification and acknowledges it;
//! 3. `vaultPaymentMethod` with a card that vaults at once: keep the `cardToken`;
//! 4. `vaultPaymentMethod` with a card that needs 3-D Secure: send the buyer to `normalUrl`;
//! 5. the buyer approves, and the browser returns to the merchant's `redirectUrl`;
//! 6. the notification with the final result arrives at the webhook and is verified;
//! 7. `inquireVaulting` confirms the result.

use std::io::Write;
use std::time::Duration;

use alipay_vaulting::axum::{Acknowledgement, VerifiedNotification};
use alipay_vaulting::notification::{NotificationOutcome, NotificationVerifier};
use alipay_vaulting::outcome::{InquiryOutcome, VaultOutcome};
use alipay_vaulting::simulator::Simulator;
use alipay_vaulting::types;
use axum::extract::{FromRef, State};
use axum::http::header;
use tokio::sync::mpsc;

type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

/// A card the simulator vaults at once.
pub const PLAIN_CARD: &str = "4111111111111111";
/// A card the simulator sends through 3-D Secure.
pub const THREE_DS_CARD: &str = "4000000000003220";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run(&mut std::io::stdout()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quickstart failed: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs every step, printing each to `out`.
pub async fn run(out: &mut impl Write) -> Result<()> {
    writeln!(
        out,
        "Alipay card vaulting quickstart (all local: a gateway simulator stands in for Alipay)\n"
    )?;

    // 1. The gateway. Against Alipay you would build the client yourself:
    //    Client::builder().client_id(..).merchant_private_key_file(..)
    //        .alipay_public_key_file(..).region(Region::NorthAmerica).build()?
    let sim = Simulator::start_default().await?;
    let client = sim.client();
    writeln!(
        out,
        "1. Started the gateway simulator at {} (client id {}).",
        sim.base_url(),
        sim.client_id()
    )?;

    // 2. The merchant's webhook handler: the `VerifiedNotification` extractor verifies every
    //    notification (the Alipay public key, the client id) before the handler sees it.
    let (notifications, mut received) = mpsc::unbounded_channel();
    let webhook = Webhook {
        verifier: client.notification_verifier(),
        notifications,
    };
    let (merchant_site, server) = start_merchant_site(webhook).await?;
    writeln!(out, "2. Started the merchant's site at {merchant_site}:")?;
    writeln!(
        out,
        "     POST /notify/vaulting  verifies each notification, then acknowledges it"
    )?;
    writeln!(
        out,
        "     GET  /return           the page the buyer comes back to after 3-D Secure"
    )?;

    // 3. A card that vaults at once.
    writeln!(
        out,
        "3. Vaulting the card ending in {} (no 3-D Secure)...",
        last_four(PLAIN_CARD)
    )?;
    let request = vault_request("quickstart-plain-0001", PLAIN_CARD, &merchant_site)?;
    match client.vault_payment_method(&request).await? {
        VaultOutcome::Vaulted(card) => writeln!(
            out,
            "   Vaulted. Card token: {} ({} {})",
            elide(card.card_token()),
            card.brand().map(|b| b.as_wire()).unwrap_or_default(),
            card.masked_card_no().unwrap_or_default(),
        )?,
        other => return Err(format!("expected the card to be vaulted, got {other:?}").into()),
    }

    // 4. A card that needs 3-D Secure: the answer is "send the buyer to this URL".
    let id = "quickstart-3ds-0001";
    writeln!(
        out,
        "4. Vaulting the card ending in {} (3-D Secure)...",
        last_four(THREE_DS_CARD)
    )?;
    let request = vault_request(id, THREE_DS_CARD, &merchant_site)?;
    let normal_url = match client.vault_payment_method(&request).await? {
        VaultOutcome::BuyerActionRequired(action) => action
            .urls
            .normal_url()
            .ok_or("the 3-D Secure answer has no normalUrl")?
            .to_string(),
        other => return Err(format!("expected buyer action, got {other:?}").into()),
    };
    writeln!(
        out,
        "   The buyer must verify the card. normalUrl: {normal_url}"
    )?;

    // 5. What the buyer's browser does: open the page, press "approve", follow the redirect
    //    back to the merchant's redirectUrl.
    writeln!(out, "5. Following the normalUrl like the buyer's browser:")?;
    approve_in_browser(out, &normal_url).await?;
    writeln!(out, "   3-D Secure approved.")?;

    // 6. The final result arrives at the webhook (verified there before it is passed on).
    let notification = loop {
        let next = tokio::time::timeout(Duration::from_secs(10), received.recv()).await;
        match next {
            Ok(Some(n)) if n.notification.vaulting_request_id == id => break n,
            Ok(Some(_)) => continue, // the notification of another vaulting
            Ok(None) | Err(_) => return Err("no verified notification within 10 s".into()),
        }
    };
    let token = match &notification.outcome {
        NotificationOutcome::Vaulted(card) => card.card_token().to_string(),
        other => return Err(format!("expected the notification to say vaulted: {other:?}").into()),
    };
    writeln!(
        out,
        "6. The webhook received the notification for {id} and verified its signature:"
    )?;
    let result = &notification.notification.result;
    writeln!(
        out,
        "   result {} ({}), card token {}; it answered HTTP 200 with the acknowledgement.",
        result.result_status,
        result.result_code,
        elide(&token),
    )?;

    // 7. Ask the gateway, as a merchant does when a notification is late or to double-check.
    match client.inquire_vaulting(id).await? {
        InquiryOutcome::Succeeded(card) => writeln!(
            out,
            "7. inquireVaulting {id}: Succeeded. Card token: {} ({} {}){}",
            elide(card.card_token()),
            card.brand().map(|b| b.as_wire()).unwrap_or_default(),
            card.masked_card_no().unwrap_or_default(),
            if card.card_token() == token {
                ", the same as in the notification."
            } else {
                ""
            },
        )?,
        other => {
            return Err(format!("expected the inquiry to say Succeeded, got {other:?}").into())
        }
    }

    writeln!(out, "\nDone: both cards are vaulted.")?;
    server.abort();
    sim.shutdown().await;
    Ok(())
}

/// A vaultPaymentMethod request for `card_no`, with the merchant site's webhook and return URLs.
fn vault_request(
    id: &str,
    card_no: &str,
    merchant_site: &str,
) -> Result<types::VaultPaymentMethodRequest> {
    Ok(types::VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url(format!("{merchant_site}/notify/vaulting"))
        .redirect_url(format!("{merchant_site}/return?vaultingRequestId={id}"))
        .payment_method_detail(
            types::PaymentMethodDetail::builder()
                .payment_method_type(types::PaymentMethodType::Card)
                .card(
                    types::Card::builder()
                        .card_no(card_no)
                        .cvv(Some("123".into()))
                        .expiry_year("30")
                        .expiry_month("12"),
                ),
        )
        .env(types::Env::builder().terminal_type("WEB".to_string()))
        .try_into()?)
}

/// Opens the 3-D Secure page, submits its form with `decision=approve`, and follows the
/// `303 See Other` back to the merchant's redirectUrl, printing each hop.
async fn approve_in_browser(out: &mut impl Write, normal_url: &str) -> Result<()> {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;

    let page = browser.get(normal_url).send().await?;
    let status = page.status();
    let html = page.text().await?;
    writeln!(
        out,
        "   GET  the 3-D Secure page -> HTTP {}",
        status.as_u16()
    )?;
    if !status.is_success() {
        return Err(format!("the 3-D Secure page answered HTTP {status}").into());
    }

    // Submit the page's form (its action, or the page itself) as the "approve" button does.
    let base = url::Url::parse(normal_url)?;
    let action = match form_action(&html) {
        Some(action) => base.join(action)?,
        None => base,
    };
    let answer = browser
        .post(action)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("decision=approve")
        .send()
        .await?;
    let location = answer
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| {
            format!(
                "approving answered HTTP {} without a redirect",
                answer.status()
            )
        })?
        .to_string();
    writeln!(
        out,
        "   POST decision=approve -> HTTP {}, redirect to {location}",
        answer.status().as_u16()
    )?;

    let back = browser.get(&location).send().await?;
    let status = back.status();
    writeln!(
        out,
        "   GET  the redirectUrl -> HTTP {}: {}",
        status.as_u16(),
        back.text().await?.trim()
    )?;
    Ok(())
}

/// The `action` attribute of the first `<form>` of a page, if it has one.
fn form_action(html: &str) -> Option<&str> {
    let form = &html[html.find("<form")?..];
    let form = &form[..form.find('>')?];
    let value = &form[form.find("action=\"")? + "action=\"".len()..];
    Some(&value[..value.find('"')?])
}

fn last_four(card_no: &str) -> &str {
    &card_no[card_no.len() - 4..]
}

/// What the merchant's webhook handler needs: the verifier (the Alipay gateway public key and the
/// client id) and where to pass verified notifications on.
#[derive(Clone)]
struct Webhook {
    verifier: NotificationVerifier,
    notifications: mpsc::UnboundedSender<VerifiedNotification>,
}

/// The extractor takes the verifier from the router's state.
impl FromRef<Webhook> for NotificationVerifier {
    fn from_ref(webhook: &Webhook) -> Self {
        webhook.verifier.clone()
    }
}

/// Serves the merchant's webhook and return page on a free loopback port.
async fn start_merchant_site(webhook: Webhook) -> Result<(String, tokio::task::JoinHandle<()>)> {
    let app = axum::Router::new()
        .route("/notify/vaulting", axum::routing::post(notify_vaulting))
        .route("/return", axum::routing::get(buyer_returns))
        .with_state(webhook);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((url, server))
}

/// `POST /notify/vaulting`: only verified notifications get here (anything else was answered
/// 401 or 400 by the extractor, and the gateway will resend). Store the outcome, idempotently by
/// `vaultingRequestId` (the gateway resends until it is acknowledged), then acknowledge.
async fn notify_vaulting(
    State(webhook): State<Webhook>,
    notification: VerifiedNotification,
) -> Acknowledgement {
    // A real handler stores `notification.outcome` here, keyed by vaultingRequestId.
    let _ = webhook.notifications.send(notification);
    Acknowledgement
}

/// `GET /return`: where the buyer's browser lands after 3-D Secure.
async fn buyer_returns() -> &'static str {
    "Welcome back! Your card is being saved; the merchant learns the result by notification."
}

/// A card token as this example prints it: its first 6 characters and its length. A token is a
/// credential for payments: keep it in your store, print it nowhere.
pub fn elide(token: &str) -> String {
    let prefix: String = token.chars().take(6).collect();
    format!("{prefix}…({} chars)", token.chars().count())
}
