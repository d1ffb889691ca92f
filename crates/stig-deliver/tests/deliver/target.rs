//! SSRF protection: address classes, allow-lists, URLs, names that resolve to loopback.

use std::net::IpAddr;

use stig_deliver::{TargetError, TargetPolicy, check_url};

fn refused_for(ip: &str) -> String {
    let ip: IpAddr = ip.parse().expect("an IP address");
    match TargetPolicy::strict().check_ip(ip) {
        Ok(()) => panic!("{ip} was allowed"),
        Err(why) => why,
    }
}

#[test]
fn every_non_public_class_is_refused_with_its_name() {
    for (ip, why) in [
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "this network"),
        ("100.64.0.1", "shared address space (CGNAT)"),
        ("100.127.255.254", "shared address space (CGNAT)"),
        ("192.0.2.1", "documentation"),
        ("198.51.100.7", "documentation"),
        ("203.0.113.9", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("224.0.0.1", "multicast"),
        ("255.255.255.255", "broadcast"),
        ("240.0.0.1", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "unique local"),
        ("fd12:3456::1", "unique local"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "documentation"),
        (
            "::ffff:127.0.0.1",
            "IPv4-mapped 127.0.0.1, which is loopback",
        ),
        ("::ffff:10.0.0.1", "IPv4-mapped 10.0.0.1, which is private"),
        (
            "::ffff:169.254.169.254",
            "IPv4-mapped 169.254.169.254, which is link-local",
        ),
        (
            "::127.0.0.1",
            "IPv4-compatible 127.0.0.1, which is loopback",
        ),
        ("::8.8.8.8", "IPv4-compatible 8.8.8.8"),
        ("64:ff9b::7f00:1", "NAT64 of 127.0.0.1, which is loopback"),
        ("2002:7f00:1::1", "6to4 of 127.0.0.1, which is loopback"),
        ("2001::1", "Teredo"),
        ("fec0::1", "site-local"),
    ] {
        let got = refused_for(ip);
        assert!(got.contains(why), "{ip}: expected {why:?}, got {got:?}");
    }
}

#[test]
fn public_addresses_pass() {
    let strict = TargetPolicy::strict();
    for ip in [
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "100.128.0.1",
        "2001:4860::8888",
        "2001:4860:4860::8888",
        "2a00:1450:4001::1",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
    ] {
        let ip: IpAddr = ip.parse().expect("an IP address");
        assert_eq!(strict.check_ip(ip), Ok(()), "{ip}");
    }
}

#[test]
fn the_allow_list_opens_exactly_its_networks() {
    let policy = TargetPolicy::parse_allow_list("127.0.0.1/32, 10.0.0.0/8 ::1/128,192.168.1.7")
        .expect("a valid list");
    let ok = |ip: &str| policy.check_ip(ip.parse().expect("an IP address")).is_ok();
    assert!(ok("127.0.0.1"));
    assert!(!ok("127.0.0.2"));
    assert!(ok("10.200.1.1"));
    assert!(ok("::1"));
    assert!(ok("192.168.1.7"));
    assert!(!ok("192.168.1.8"));
    // The IPv4-mapped form of an allowed address is allowed too.
    assert!(ok("::ffff:10.0.0.1"));
    assert!(!ok("fe80::1"));

    let err = TargetPolicy::parse_allow_list("10.0.0.0/8, localhost, ::1").expect_err("bad entry");
    assert!(err.contains("`localhost`"), "{err}");
    let err = TargetPolicy::parse_allow_list("10.0.0.0/33").expect_err("bad prefix");
    assert!(err.contains("10.0.0.0/33"), "{err}");
    assert_eq!(
        TargetPolicy::parse_allow_list(""),
        Ok(TargetPolicy::strict())
    );
    assert_eq!(
        TargetPolicy::parse_allow_list("127.0.0.0/8"),
        Ok(TargetPolicy::allowing(vec![
            "127.0.0.0/8".parse().expect("a net")
        ]))
    );
}

#[tokio::test]
async fn a_name_resolving_to_loopback_is_refused() {
    let err = TargetPolicy::strict()
        .resolve("localhost", 80)
        .await
        .expect_err("localhost is loopback");
    let TargetError::Refused(why) = &err else {
        panic!("expected Refused, got {err:?}");
    };
    assert!(why.contains("localhost resolves to"), "{why}");
    assert!(why.contains("loopback"), "{why}");
    assert!(err.to_string().starts_with("refused to connect: "), "{err}");

    let addrs = super::loopback_allowed().resolve("localhost", 8080).await;
    // localhost may also resolve to ::1, which 127.0.0.0/8 does not allow.
    match addrs {
        Ok(addrs) => assert!(
            addrs
                .iter()
                .all(|a| a.port() == 8080 && a.ip().is_loopback())
        ),
        Err(TargetError::Refused(why)) => assert!(why.contains("::1"), "{why}"),
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn literal_addresses_need_no_dns() {
    let strict = TargetPolicy::strict();
    let addrs = strict.resolve("8.8.8.8", 443).await.expect("public");
    assert_eq!(addrs, vec!["8.8.8.8:443".parse().expect("an address")]);
    let addrs = strict
        .resolve("[2001:4860::8888]", 443)
        .await
        .expect("public");
    assert_eq!(
        addrs,
        vec!["[2001:4860::8888]:443".parse().expect("an address")]
    );
    let err = strict
        .resolve("[::ffff:127.0.0.1]", 80)
        .await
        .expect_err("mapped loopback");
    assert!(err.to_string().contains("IPv4-mapped 127.0.0.1"), "{err}");
}

#[tokio::test]
async fn urls_must_be_http_with_a_host() {
    let strict = TargetPolicy::strict();
    for bad in [
        "ftp://example.com/x",
        "file:///etc/passwd",
        "not a url",
        "http://",
    ] {
        let err = check_url(&strict, bad).await.expect_err(bad);
        assert!(matches!(err, TargetError::BadUrl(_)), "{bad}: {err:?}");
    }
    let (url, addrs) = check_url(&strict, "https://8.8.8.8/hook")
        .await
        .expect("public");
    assert_eq!(url.as_str(), "https://8.8.8.8/hook");
    assert_eq!(addrs[0].port(), 443);
    for refused in [
        "http://127.0.0.1:9/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://[::ffff:7f00:1]/",
    ] {
        let err = check_url(&strict, refused).await.expect_err(refused);
        assert!(matches!(err, TargetError::Refused(_)), "{refused}: {err:?}");
    }
}
