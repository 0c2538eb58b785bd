//! `sim`: serve the gateway simulator on loopback until Ctrl-C or SIGTERM, logging each API
//! request and notification attempt to stderr.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use alipay_vaulting::simulator::{FaultRule, Simulator, SimulatorConfig};

use crate::args::SimArgs;
use crate::exit::{Exit, Failure};
use crate::keydir;
use crate::report::Report;

pub async fn run(args: SimArgs) -> Result<Report, Failure> {
    let faults = args
        .fault
        .iter()
        .map(|rule| {
            rule.parse::<FaultRule>()
                .map_err(|e| Failure::usage("fault", format!("--fault {rule:?}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let dir = keydir::prepare(&args.keys)?;
    let mut config = SimulatorConfig::new(dir.keys)
        .bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .client_id(args.client_id.as_str())
        .time_factor(args.time_factor);
    for fault in faults {
        config = config.fault(fault);
    }
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        let read = |path: &std::path::Path, what: &str| {
            std::fs::read_to_string(path).map_err(|e| {
                Failure::config(
                    "tls",
                    format!(
                        "cannot read the TLS {what} {}: {}",
                        path.display(),
                        e.kind()
                    ),
                )
            })
        };
        config = config.tls(read(cert, "certificate")?, read(key, "key")?);
    }
    let simulator = Simulator::start(config).await.map_err(|e| {
        Failure::config(
            "bind",
            format!("cannot serve on 127.0.0.1:{}: {e}", args.port),
        )
    })?;
    let ca_note = if args.tls_cert.is_some() {
        "\n  export ALIPAY_CA_CERT=<the PEM file of the CA that issued --tls-cert>"
    } else {
        ""
    };
    let key_dir = std::path::absolute(&args.keys).unwrap_or(args.keys.clone());

    // stdout: three lines for scripts, the base URL first. Everything else goes to stderr.
    println!("{}", simulator.base_url());
    println!("keys: {}", key_dir.display());
    println!("client id: {}", simulator.client_id());
    for note in &dir.notes {
        eprintln!("{note}");
    }
    let private_key = match &dir.merchant_private_file {
        Some(path) => std::path::absolute(path)
            .unwrap_or(path.clone())
            .display()
            .to_string(),
        None => "<your merchant private key file>".to_string(),
    };
    eprintln!(
        "Use it with:\n  export ALIPAY_GATEWAY={}\n  export ALIPAY_CLIENT_ID={}\n  export \
         ALIPAY_PRIVATE_KEY={private_key}\n  export ALIPAY_PUBLIC_KEY={}{ca_note}\nServing until \
         Ctrl-C (or SIGTERM).",
        simulator.base_url(),
        simulator.client_id(),
        key_dir.join("gateway_public_spki.b64").display(),
    );

    serve_until_signal(&simulator).await;
    simulator.shutdown().await;
    eprintln!("Simulator stopped.");
    Ok(Report::silent(Exit::Ok))
}

/// Logs new requests and notification attempts until Ctrl-C or SIGTERM.
async fn serve_until_signal(simulator: &Simulator) {
    let mut requests_seen = 0;
    let mut notifications_seen = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let signal = shutdown_signal();
    tokio::pin!(signal);
    loop {
        tokio::select! {
            _ = &mut signal => break,
            _ = tick.tick() => {
                let requests = simulator.requests();
                for request in requests.iter().skip(requests_seen) {
                    eprintln!(
                        "{} {} id={} signature={} -> {}",
                        request.operation.api_name(),
                        request.path,
                        request.vaulting_request_id.as_deref().unwrap_or("-"),
                        if request.signature_valid { "valid" } else { "INVALID" },
                        request.result_code,
                    );
                }
                requests_seen = requests.len();
                let notifications = simulator.notifications();
                for attempt in notifications.iter().skip(notifications_seen) {
                    let answer = match (attempt.acknowledged, attempt.status) {
                        (true, _) => "acknowledged".to_string(),
                        (false, Some(status)) => format!("HTTP {status}, not acknowledged"),
                        (false, None) => "connection failed".to_string(),
                    };
                    eprintln!(
                        "notifyVaulting id={} attempt {} -> {}: {answer}",
                        attempt.vaulting_request_id, attempt.attempt, attempt.url,
                    );
                }
                notifications_seen = notifications.len();
            }
        }
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate => {},
    }
}
