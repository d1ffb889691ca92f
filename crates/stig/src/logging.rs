//! The log: a `tracing` subscriber writing to standard error, as text for people or as JSON
//! lines for a log system, with levels from `STIG_LOG` or `RUST_LOG`.

use tracing_subscriber::EnvFilter;

use crate::cli::LogFormat;

/// Installs the subscriber. `serving` raises the default level to `info`, so a server logs
/// its requests while one-shot commands stay quiet unless asked.
pub fn init(format: LogFormat, serving: bool) {
    let default = if serving {
        "warn,stig=info,stig_server=info,stig_runtime=info,stig_store=info,stig_deliver=info"
    } else {
        "warn"
    };
    let filter = std::env::var("STIG_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A second install (tests calling in twice) is harmless: the first one stays.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}
