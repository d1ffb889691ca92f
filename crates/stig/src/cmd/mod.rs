//! One file per command.

mod audit;
mod backup;
pub(crate) mod bench;
mod bench_http;
mod bench_ingest;
mod bench_ingest_nodes;
mod bench_ingest_pg;
mod bench_insight;
mod bench_live;
mod bench_moments;
mod bench_personas;
mod check;
mod customers_export;
pub(crate) mod db;
mod db_copy;
pub(crate) mod demo;
mod demo_data;
mod events_export;
pub(crate) mod events_import;
mod fmt;
mod generate;
mod moments;
mod net;
mod new;
mod people;
mod personas;
mod render;
mod report;
mod report_html;
mod report_pdf;
mod sso;

use std::process::ExitCode;

use crate::cli::{
    Command, CustomersCommand, EventsCommand, MomentsCommand, PersonasCommand, SecretCommand,
    SourceCommand, TokenCommand, UserCommand,
};

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Demo {
            addr,
            db,
            http,
            moments,
            observe,
        } => demo::run(addr, &db, &http, &moments, &observe),
        Command::Serve {
            db,
            state_dir,
            addr,
            http,
            moments,
            observe,
        } => db::serve(&db, state_dir.as_deref(), addr, &http, &moments, &observe),
        Command::Backup { to, db } => backup::backup(&db, &to),
        Command::Restore { from, db, force } => backup::restore(&from, &db, force),
        Command::Db {
            command: crate::cli::DbCommand::Copy { from, to },
        } => db_copy::run(&from, &to),
        Command::Import { dir, id, db } => db::import(&dir, id, &db),
        Command::Export { id, dir, db } => db::export(&id, &dir, &db),
        Command::Personas { command } => match command {
            PersonasCommand::Discover {
                workspace,
                json,
                db,
            } => personas::discover(&workspace, json, &db),
            PersonasCommand::Twins {
                workspace,
                json,
                db,
            } => personas::twins(&workspace, json, &db),
        },
        Command::Report {
            workspace,
            output,
            format,
            persona,
            journey,
            channel,
            from,
            to,
            lang,
            outcome,
            db,
        } => report::run(
            &report::Options {
                workspace,
                output,
                format,
                filter: stig_insight::FilterQuery {
                    persona,
                    journey,
                    channel,
                    from,
                    to,
                    ..Default::default()
                },
                lang,
                outcome,
            },
            &db,
        ),
        Command::User {
            command: UserCommand::Add { name, role, db },
        } => db::user_add(&name, &role, &db),
        Command::User {
            command: UserCommand::List { db },
        } => db::user_list(&db),
        Command::Token {
            command: TokenCommand::Create { user, label, db },
        } => db::token_create(&user, &label, &db),
        Command::Source {
            command:
                SourceCommand::Create {
                    workspace,
                    name,
                    db,
                },
        } => db::source_create(&workspace, &name, &db),
        Command::Moments {
            command:
                MomentsCommand::Backtest {
                    workspace,
                    moment,
                    json,
                    db,
                },
        } => moments::backtest(&workspace, &moment, json, &db),
        Command::Audit { command } => match command {
            crate::cli::AuditCommand::Verify { db } => audit::verify(&db),
            crate::cli::AuditCommand::Export { format, db } => audit::export(&db, &format),
        },
        Command::Secret { command } => match command {
            SecretCommand::Set {
                workspace,
                name,
                value,
                db,
            } => moments::set_secret(&workspace, &name, value, &db),
            SecretCommand::List { workspace, db } => moments::list_secrets(&workspace, &db),
        },
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
            scale,
        } => render::run(&dir, &journey, personas, format, &output, locale, scale),
        Command::New { dir, name } => new::run(&dir, name),
        Command::Fmt { dir, check } => fmt::run(&dir, check),
        Command::Generate {
            dir,
            customers,
            seed,
            years,
            output,
        } => generate::run(&dir, customers, seed, years, &output),
        Command::Events {
            command:
                EventsCommand::Import {
                    file,
                    workspace,
                    db,
                    format,
                    mapping,
                    at,
                    verbose,
                },
        } => events_import::run(&events_import::Options {
            file,
            workspace,
            db,
            format,
            mapping,
            at,
            verbose,
        }),
        Command::Events {
            command:
                EventsCommand::Export {
                    target,
                    from,
                    to,
                    types,
                    event,
                    customer,
                },
        } => events_export::run(&events_export::Options {
            workspace: target.workspace,
            db: target.db,
            output: target.output,
            format: target.format,
            from,
            to,
            types,
            event,
            customer,
        }),
        Command::Customers {
            command:
                CustomersCommand::Erase {
                    id,
                    workspace,
                    suppress,
                    db,
                },
        } => people::erase(&people::EraseOptions {
            workspace,
            id,
            suppress,
            db,
        }),
        Command::Customers {
            command:
                CustomersCommand::ExportPerson {
                    id,
                    workspace,
                    db,
                    output,
                },
        } => people::export_person(&people::ExportOptions {
            workspace,
            id,
            db,
            output,
        }),
        Command::Customers {
            command: CustomersCommand::Export { target, status },
        } => customers_export::run(&customers_export::Options {
            workspace: target.workspace,
            db: target.db,
            output: target.output,
            format: target.format,
            status,
        }),
        Command::Bench {
            name,
            json,
            events,
            seed,
            workspace,
            customers,
            ingest_secs,
            ingest_events,
            db,
            nodes,
        } => bench::run(
            name,
            json,
            &bench_insight::Options {
                events,
                seed,
                workspace,
            },
            &bench_personas::Options { customers, seed },
            &bench_live::Options {
                events,
                seed,
                ingest_secs,
            },
            &bench_ingest::Options {
                events: ingest_events,
                db,
                nodes,
            },
        ),
    }
}
