//! A browser without a screen: an HTTP agent that follows nothing by itself, a cookie jar per
//! host and port, and HTML forms read and submitted as a person would.

use std::collections::BTreeMap;
use std::time::Duration;

/// What came back from one request.
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub body: String,
}

/// An agent with cookies, that does not follow redirects.
pub struct Browser {
    agent: ureq::Agent,
    /// Cookies by `host:port`, then by name.
    jar: BTreeMap<String, BTreeMap<String, String>>,
    pub accept_language: Option<String>,
}

fn origin(url: &url::Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(80)
    )
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into(),
            jar: BTreeMap::new(),
            accept_language: None,
        }
    }

    pub fn cookie(&self, url: &str, name: &str) -> Option<String> {
        let url = url::Url::parse(url).expect("url");
        self.jar.get(&origin(&url))?.get(name).cloned()
    }

    fn cookies_for(&self, url: &url::Url) -> String {
        self.jar
            .get(&origin(url))
            .map(|c| {
                c.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    }

    fn keep(&mut self, url: &url::Url, res: &ureq::http::Response<ureq::Body>) {
        let jar = self.jar.entry(origin(url)).or_default();
        for v in res.headers().get_all("set-cookie") {
            let v = v.to_str().expect("ascii cookie");
            let mut parts = v.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let attrs = parts
                .map(|a| a.trim().to_ascii_lowercase())
                .collect::<Vec<_>>();
            let expired = attrs
                .iter()
                .any(|a| a == "max-age=0" || a.starts_with("expires=thu, 01 jan 1970"));
            if expired || value.is_empty() {
                jar.remove(name.trim());
            } else {
                jar.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    pub fn get(&mut self, url: &str) -> Page {
        let parsed = url::Url::parse(url).expect("url");
        let mut req = self
            .agent
            .get(url)
            .header("Cookie", self.cookies_for(&parsed));
        if let Some(lang) = &self.accept_language {
            req = req.header("Accept-Language", lang);
        }
        let res = req.call().expect("GET answers");
        self.page(&parsed, res)
    }

    pub fn post_form(&mut self, url: &str, fields: &[(String, String)]) -> Page {
        let parsed = url::Url::parse(url).expect("url");
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut req = self
            .agent
            .post(url)
            .header("Cookie", self.cookies_for(&parsed))
            .header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(lang) = &self.accept_language {
            req = req.header("Accept-Language", lang);
        }
        let res = req.send(body.as_str()).expect("POST answers");
        self.page(&parsed, res)
    }

    fn page(&mut self, url: &url::Url, mut res: ureq::http::Response<ureq::Body>) -> Page {
        self.keep(url, &res);
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let location = header("location").map(|l| url.join(&l).expect("location").to_string());
        let retry_after = header("retry-after");
        Page {
            status: res.status().as_u16(),
            location,
            retry_after,
            body: res.body_mut().read_to_string().unwrap_or_default(),
        }
    }
}

/// The first form of a page: its absolute action and its fields (inputs with a name), as
/// the page sets them.
pub fn form(page_url: &str, html: &str) -> (String, Vec<(String, String)>) {
    let start = html.find("<form").expect("a form on the page");
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let form = &html[start..end];
    let tag_end = form.find('>').expect("form tag");
    let action = attr(&form[..tag_end], "action").unwrap_or_default();
    let action = url::Url::parse(page_url)
        .expect("url")
        .join(&unescape(&action))
        .expect("action")
        .to_string();
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find("<input") {
        let tag = &rest[i..];
        let close = tag.find('>').expect("input tag");
        let tag = &tag[..close];
        if let Some(name) = attr(tag, "name") {
            fields.push((name, unescape(&attr(tag, "value").unwrap_or_default())));
        }
        rest = &rest[i + close..];
    }
    (action, fields)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(tag[i..i + j].to_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Sets (or adds) a form field.
pub fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => *v = value.to_owned(),
        None => fields.push((name.to_owned(), value.to_owned())),
    }
}
