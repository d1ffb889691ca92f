//! `stig`: the command-line front of Stig. Glue only: every command parses its arguments,
//! calls the library crates and reports for humans (or as JSON for scripts).

mod cli;
mod cmd;
mod logging;
mod report;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let serving = matches!(
        cli.command,
        cli::Command::Serve { .. } | cli::Command::Demo { .. }
    );
    logging::init(cli.log_format, serving);
    match cmd::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
