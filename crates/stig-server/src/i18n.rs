//! UI text through Fluent message files (`locales/*.ftl`, embedded), and numbers and dates
//! written the way each locale writes them.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;

/// The languages Stig's UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Nb,
    Sv,
    Da,
    Fi,
}

impl Locale {
    pub const ALL: [Locale; 5] = [Locale::En, Locale::Nb, Locale::Sv, Locale::Da, Locale::Fi];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Nb => "nb",
            Locale::Sv => "sv",
            Locale::Da => "da",
            Locale::Fi => "fi",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Nb => "Norsk bokmål",
            Locale::Sv => "Svenska",
            Locale::Da => "Dansk",
            Locale::Fi => "Suomi",
        }
    }

    /// Parses `nb`, `nb-NO`, `no`, `sv-SE`…; `None` for anything else.
    pub fn parse(s: &str) -> Option<Locale> {
        let lang = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Some(match lang.as_str() {
            "en" => Locale::En,
            "nb" | "no" | "nn" => Locale::Nb,
            "sv" => Locale::Sv,
            "da" => Locale::Da,
            "fi" => Locale::Fi,
            _ => return None,
        })
    }

    /// The best locale for an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut langs: Vec<(f32, &str)> = header
            .split(',')
            .map(|part| {
                let mut it = part.split(';');
                let tag = it.next().unwrap_or("").trim();
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                (q, tag)
            })
            .collect();
        langs.sort_by(|a, b| b.0.total_cmp(&a.0));
        langs.into_iter().find_map(|(_, tag)| Locale::parse(tag))
    }
}

/// Message files per locale, one per area of the UI (`core`, `pages`, `forms`, `survey`, `insight`, `moments`, `connect`), so that
/// areas can grow independently; message ids are prefixed by area and never collide.
macro_rules! sources {
    ($($locale:ident => $code:literal),*) => {
        [$((Locale::$locale, [
            include_str!(concat!("../locales/", $code, "/core.ftl")),
            include_str!(concat!("../locales/", $code, "/pages.ftl")),
            include_str!(concat!("../locales/", $code, "/forms.ftl")),
            include_str!(concat!("../locales/", $code, "/survey.ftl")),
            include_str!(concat!("../locales/", $code, "/insight.ftl")),
            include_str!(concat!("../locales/", $code, "/moments.ftl")),
            include_str!(concat!("../locales/", $code, "/connect.ftl")),
            include_str!(concat!("../locales/", $code, "/map.ftl")),
            include_str!(concat!("../locales/", $code, "/periods.ftl")),
            include_str!(concat!("../locales/", $code, "/drivers.ftl")),
            include_str!(concat!("../locales/", $code, "/account.ftl")),
            include_str!(concat!("../locales/", $code, "/checks.ftl")),
            include_str!(concat!("../locales/", $code, "/people.ftl")),
            include_str!(concat!("../locales/", $code, "/audit.ftl")),
            include_str!(concat!("../locales/", $code, "/sso.ftl")),
        ])),*]
    };
}

const SOURCES: [(Locale, [&str; 15]); 5] =
    sources!(En => "en", Nb => "nb", Sv => "sv", Da => "da", Fi => "fi");

/// All message bundles, loaded once at start.
pub struct I18n {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

impl I18n {
    /// Loads the embedded message files. A syntax error in one is a bug caught by the tests;
    /// the entries that did parse are still used.
    pub fn new() -> Self {
        let mut bundles = HashMap::new();
        for (locale, sources) in SOURCES {
            let langid = locale.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Unicode isolation marks around arguments confuse plain-text tests and titles.
            bundle.set_use_isolating(false);
            for source in sources {
                let resource =
                    FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
                let _ = bundle.add_resource(resource);
            }
            bundles.insert(locale, bundle);
        }
        I18n { bundles }
    }

    /// The message `key` in `locale`, falling back to English, then to the key itself.
    pub fn message(&self, locale: Locale, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for l in [locale, Locale::En] {
            if let Some(bundle) = self.bundles.get(&l)
                && let Some(msg) = bundle.get_message(key)
                && let Some(pattern) = msg.value()
            {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_owned()
    }

    /// Every message id of a locale (for the completeness test).
    pub fn keys(&self, locale: Locale) -> Vec<String> {
        SOURCES
            .iter()
            .filter(|(l, _)| *l == locale)
            .flat_map(|(_, sources)| sources.iter().flat_map(|src| src.lines()))
            .filter_map(|line| line.split_once(" =").map(|(k, _)| k.trim()))
            .filter(|k| {
                !k.is_empty() && !k.starts_with('#') && !k.starts_with(' ') && !k.starts_with('.')
            })
            .map(str::to_owned)
            .collect()
    }
}

impl Default for I18n {
    fn default() -> Self {
        Self::new()
    }
}

/// The texts the runtime's moments sender writes (survey invitations), from these bundles.
impl stig_runtime::moments::Texts for I18n {
    fn language(&self, tag: &str) -> String {
        Locale::parse(tag).unwrap_or_default().code().to_owned()
    }

    fn message(&self, language: &str, key: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, FluentValue::from(v.clone()));
        }
        I18n::message(
            self,
            Locale::parse(language).unwrap_or_default(),
            key,
            Some(&fa),
        )
    }
}

/// A translator bound to one locale: what views use.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub i18n: &'a I18n,
    pub locale: Locale,
}

impl Tr<'_> {
    pub fn t(&self, key: &str) -> String {
        self.i18n.message(self.locale, key, None)
    }

    /// A message with arguments: `tr.ta("steps-count", &[("count", 3.into())])`.
    pub fn ta(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.i18n.message(self.locale, key, Some(&fa))
    }

    /// A number with `decimals` digits, grouped and with the locale's decimal mark:
    /// 12 345.6 (nb, sv, fi), 12.345,6 (da), 12,345.6 (en).
    pub fn number(&self, value: f64, decimals: usize) -> String {
        format_number(self.locale, value, decimals)
    }

    /// A date as the locale writes it: 24.11.2026 (nb, da, fi), 2026-11-24 (sv), 24 Nov 2026 (en).
    pub fn date(&self, date: jiff::civil::Date) -> String {
        format_date(self.locale, date)
    }
}

pub fn format_number(locale: Locale, value: f64, decimals: usize) -> String {
    let (group, decimal) = match locale {
        Locale::En => (",", "."),
        Locale::Da => (".", ","),
        Locale::Nb | Locale::Sv | Locale::Fi => ("\u{a0}", ","),
    };
    let formatted = format!("{:.*}", decimals, value.abs());
    let (int, frac) = formatted.split_once('.').unwrap_or((&formatted, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && formatted.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

pub fn format_date(locale: Locale, date: jiff::civil::Date) -> String {
    match locale {
        Locale::Sv => date.strftime("%Y-%m-%d").to_string(),
        Locale::En => date.strftime("%-d %b %Y").to_string(),
        Locale::Nb | Locale::Da | Locale::Fi => date.strftime("%-d.%-m.%Y").to_string(),
    }
}
