//! One file per command.

mod bench;
mod check;
mod demo;
mod fmt;
mod new;
mod render;

use std::process::ExitCode;

use crate::cli::Command;

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Demo { out } => demo::run(&out),
        Command::Check {
            dir,
            format,
            deny_warnings,
        } => check::run(&dir, format, deny_warnings),
        Command::Render {
            dir,
            journey,
            personas,
            format,
            output,
            locale,
        } => render::run(&dir, &journey, personas, format, &output, locale),
        Command::New { dir, name } => new::run(&dir, name),
        Command::Fmt { dir, check } => fmt::run(&dir, check),
        Command::Bench { name, json } => bench::run(name, json),
    }
}
