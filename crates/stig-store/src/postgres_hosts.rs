//! Several PostgreSQL hosts for one database: a primary and its standbys. sqlx connects to one
//! host only, so Stig takes libpq's multi-host form itself — hosts listed in one URL
//! (`postgres://u:p@h1:5432,h2:5433/db?target_session_attrs=read-write`) or whole URLs
//! separated by commas — connects to the first host that is not in recovery (`SELECT
//! pg_is_in_recovery()`), and, while serving, follows a failover: when the pool's host stops
//! answering as a primary, the hosts are asked again in order and new connections go to the
//! one that answers as a primary (a promoted standby).

use std::str::FromStr;
use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool};

use crate::{Result, StoreError};

/// How long one host may take to connect and answer whether it is in recovery.
const ASK_TIMEOUT: Duration = Duration::from_secs(2);
/// How often a server with several hosts checks that its host is still the primary.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// The hosts a `--db` value names, in the order given, each with the same user, password,
/// database and parameters. `target_session_attrs` may be `read-write`, `primary` or `any`:
/// Stig writes, so with several hosts it always takes a primary.
pub(crate) fn parse(url: &str) -> Result<Vec<PgConnectOptions>> {
    let mut out = Vec::new();
    for one in split_urls(url) {
        for host in expand_hosts(one)? {
            let host = without_session_attrs(&host)?;
            out.push(
                PgConnectOptions::from_str(&host)
                    .map_err(|e| StoreError::Invalid(format!("the PostgreSQL URL: {e}")))?,
            );
        }
    }
    Ok(out)
}

/// `a,postgres://b` → the URLs it lists (a comma starts a new one only before a scheme).
fn split_urls(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in url.match_indices(',') {
        let rest = &url[i + 1..];
        if rest.starts_with("postgres://") || rest.starts_with("postgresql://") {
            out.push(&url[start..i]);
            start = i + 1;
        }
    }
    out.push(&url[start..]);
    out
}

/// libpq's `scheme://userinfo@h1:p1,h2:p2/rest` → one URL per host.
fn expand_hosts(url: &str) -> Result<Vec<String>> {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return Ok(vec![url.to_owned()]);
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    let (userinfo, hosts) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    if !hosts.contains(',') {
        return Ok(vec![url.to_owned()]);
    }
    hosts
        .split(',')
        .map(|host| {
            if host.is_empty() {
                return Err(StoreError::Invalid(
                    "the PostgreSQL URL lists an empty host (two commas in a row?)".into(),
                ));
            }
            Ok(format!(
                "{}{userinfo}{host}{}",
                &url[..scheme_end],
                &url[authority_end..]
            ))
        })
        .collect()
}

/// The URL without `target_session_attrs` (sqlx does not know it); refused unless it asks
/// for a host Stig can write to.
fn without_session_attrs(url: &str) -> Result<String> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok(url.to_owned());
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("target_session_attrs", value)) => {
                if !matches!(value, "read-write" | "primary" | "any") {
                    return Err(StoreError::Invalid(format!(
                        "the PostgreSQL URL asks for target_session_attrs={value}; Stig writes, \
                         so it takes read-write, primary or any"
                    )));
                }
            }
            _ => kept.push(pair),
        }
    }
    Ok(if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    })
}

/// `host:port` of a target, for the log (never its user or password).
pub(crate) fn shown(target: &PgConnectOptions) -> String {
    format!("{}:{}", target.get_host(), target.get_port())
}

/// The first target (in order) that answers and is not in recovery. When none is, an error
/// [`StoreError::is_unavailable`] takes, saying what each host answered.
pub(crate) async fn primary(targets: &[PgConnectOptions]) -> Result<usize> {
    let mut answers = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        match tokio::time::timeout(ASK_TIMEOUT, in_recovery(target)).await {
            Ok(Ok(false)) => return Ok(i),
            Ok(Ok(true)) => answers.push(format!("{} is a standby", shown(target))),
            Ok(Err(e)) => answers.push(format!("{}: {e}", shown(target))),
            Err(_) => answers.push(format!("{} did not answer", shown(target))),
        }
    }
    Err(StoreError::Database(sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        format!("no PostgreSQL host is a primary: {}", answers.join("; ")),
    ))))
}

async fn in_recovery(target: &PgConnectOptions) -> Result<bool, sqlx::Error> {
    let mut conn = PgConnection::connect_with(target).await?;
    let recovering: bool = sqlx::query_scalar("SELECT pg_is_in_recovery()")
        .fetch_one(&mut conn)
        .await?;
    let _ = conn.close().await;
    Ok(recovering)
}

/// Keeps `pool` on a primary while `alive` lasts: every second the pool's host is asked
/// whether it is still one; when it is not (stopped, or demoted), the hosts are asked in
/// order and new connections go to the first primary. Connections to a stopped host fail
/// their check on the way out of the pool and are replaced.
pub(crate) fn follow(pool: PgPool, targets: Vec<PgConnectOptions>, first: usize, alive: Weak<()>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let targets = Arc::new(targets);
    runtime.spawn(async move {
        let mut current = first;
        let mut lost = false;
        loop {
            tokio::time::sleep(FOLLOW_EVERY).await;
            if alive.strong_count() == 0 || pool.is_closed() {
                return;
            }
            let asked = tokio::time::timeout(
                ASK_TIMEOUT,
                sqlx::query_scalar::<_, bool>("SELECT pg_is_in_recovery()").fetch_one(&pool),
            )
            .await;
            if let Ok(Ok(false)) = asked {
                if lost {
                    tracing::info!(message = "PostgreSQL answers again", host = %shown(&targets[current]));
                    lost = false;
                }
                continue;
            }
            match primary(&targets).await {
                Ok(i) if i != current => {
                    tracing::warn!(
                        message = "PostgreSQL failover: connecting to another host",
                        from = %shown(&targets[current]),
                        to = %shown(&targets[i])
                    );
                    pool.set_connect_options(targets[i].clone());
                    current = i;
                    lost = false;
                }
                Ok(_) => {}
                Err(e) => {
                    if !lost {
                        tracing::warn!(message = "no PostgreSQL primary answers; asking again every second", error = %e);
                        lost = true;
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(url: &str) -> Vec<String> {
        parse(url)
            .expect("parses")
            .iter()
            .map(|t| {
                format!(
                    "{}@{}/{}",
                    t.get_username(),
                    shown(t),
                    t.get_database().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn one_url_is_one_host() {
        assert_eq!(
            hosts("postgres://stig:pw@db:5433/stig"),
            ["stig@db:5433/stig"]
        );
    }

    #[test]
    fn libpq_host_lists_and_url_lists_give_every_host_in_order() {
        let want = ["stig@a:5432/app", "stig@b:5433/app"];
        assert_eq!(
            hosts("postgres://stig:pw@a:5432,b:5433/app?target_session_attrs=read-write"),
            want
        );
        assert_eq!(
            hosts("postgres://stig:pw@a:5432/app,postgresql://stig:pw@b:5433/app"),
            want
        );
    }

    #[test]
    fn parameters_other_than_session_attrs_are_kept() {
        let t = parse("postgres://u:p@a,b/app?target_session_attrs=primary&application_name=x")
            .expect("parses");
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].get_application_name(), Some("x"));
    }

    #[test]
    fn a_standby_only_attribute_or_an_empty_host_is_refused_with_the_reason() {
        let e = parse("postgres://u:p@a,b/app?target_session_attrs=standby")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("target_session_attrs=standby"), "{e}");
        let e = parse("postgres://u:p@a,,b/app")
            .expect_err("refused")
            .to_string();
        assert!(e.contains("empty host"), "{e}");
    }
}
