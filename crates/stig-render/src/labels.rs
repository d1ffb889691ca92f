//! The map's fixed words (lane titles, legend, header) in English, Norwegian Bokmål, Swedish,
//! Danish and Finnish.

use stig_model::{ActorKind, Channel, KnownChannel, Mode, Owner, Sense};

/// Every fixed word the map prints, in one language.
#[derive(Debug)]
pub(crate) struct Labels {
    pub actions: &'static str,
    pub touchpoints: &'static str,
    pub emotions: &'static str,
    pub curve: &'static str,
    pub functional: &'static str,
    pub pain_points: &'static str,
    pub opportunities: &'static str,
    pub actors: &'static str,
    pub step: &'static str,
    pub sub_goal: &'static str,
    pub goal: &'static str,
    pub brand_promise: &'static str,
    pub as_is: &'static str,
    pub to_be: &'static str,
    pub improves_on: &'static str,
    pub owner: &'static str,
    pub own: &'static str,
    pub partner: &'static str,
    pub public: &'static str,
    pub touchpoint: &'static str,
    pub physical: &'static str,
    pub digital: &'static str,
    pub personas: &'static str,
    pub all_customers: &'static str,
    pub valence: &'static str,
    pub neutral: &'static str,
    pub senses: &'static str,
    /// see, hear, smell, taste, touch (the order of [`Sense::ALL`]).
    pub sense_names: [&'static str; 5],
    pub intangible: &'static str,
    pub channels: &'static str,
    /// The legend of a customer's run drawn over the map: title, hits, last hit, not reached.
    pub customer_path: &'static str,
    pub path_hits: &'static str,
    pub path_last: &'static str,
    pub path_not_reached: &'static str,
    /// The legend of measured emotion curves: the measured line, and a point well below design.
    pub measured: &'static str,
    pub below_design: &'static str,
    /// In the order of [`KnownChannel::ALL`].
    pub channel_names: [&'static str; 18],
    pub page: &'static str,
    pub steps: &'static str,
    pub of: &'static str,
}

impl Labels {
    pub(crate) fn owner(&self, owner: Owner) -> &'static str {
        match owner {
            Owner::Own => self.own,
            Owner::Partner => self.partner,
            Owner::Public => self.public,
        }
    }
    pub(crate) fn actor_kind(&self, kind: ActorKind) -> &'static str {
        match kind {
            ActorKind::Own => self.own,
            ActorKind::Partner => self.partner,
            ActorKind::Public => self.public,
        }
    }
    pub(crate) fn mode(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::Physical => self.physical,
            Mode::Digital => self.digital,
        }
    }
    pub(crate) fn sense(&self, sense: Sense) -> &'static str {
        let i = Sense::ALL.iter().position(|s| *s == sense).unwrap_or(0);
        self.sense_names[i]
    }
    /// A known channel's name in this language; a custom channel as written.
    pub(crate) fn channel<'a>(&self, channel: &'a Channel) -> &'a str {
        match channel {
            Channel::Known(k) => self.known_channel(*k),
            Channel::Custom(s) => s,
        }
    }
    pub(crate) fn known_channel(&self, k: KnownChannel) -> &'static str {
        let i = KnownChannel::ALL.iter().position(|c| *c == k).unwrap_or(0);
        self.channel_names[i]
    }
}

/// Labels for `locale` (`en`, `nb`, `sv`, `da`, `fi`; `no`/`nn` and region suffixes such as
/// `nb-NO` are understood); anything else falls back to English.
pub(crate) fn for_locale(locale: &str) -> &'static Labels {
    let lang = locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match lang.as_str() {
        "nb" | "no" | "nn" => &NB,
        "sv" => &SV,
        "da" => &DA,
        "fi" => &FI,
        _ => &EN,
    }
}

static EN: Labels = Labels {
    actions: "Customer actions & sub-goals",
    touchpoints: "Touchpoints",
    emotions: "Emotional elements",
    curve: "Emotion curve",
    functional: "Functional elements",
    pain_points: "Pain points",
    opportunities: "Opportunities",
    actors: "Actors",
    step: "Step",
    sub_goal: "Sub-goal",
    goal: "Goal",
    brand_promise: "Brand promise",
    as_is: "As-is",
    to_be: "To-be",
    improves_on: "Improves on",
    owner: "Owner",
    own: "Own",
    partner: "Partner",
    public: "Public",
    touchpoint: "Touchpoint",
    physical: "Physical",
    digital: "Digital",
    personas: "Personas",
    all_customers: "All customers",
    valence: "Valence",
    neutral: "no emotional elements (neutral)",
    senses: "Senses",
    sense_names: ["See", "Hear", "Smell", "Taste", "Touch"],
    intangible: "Intangible",
    channels: "Channels",
    customer_path: "Customer path",
    path_hits: "touchpoints hit, in order",
    path_last: "last hit",
    path_not_reached: "not reached",
    measured: "Measured",
    below_design: "Below design",
    channel_names: [
        "Web",
        "App",
        "Email",
        "SMS",
        "Chat",
        "Phone",
        "Social media",
        "Advertising",
        "Print",
        "Letter",
        "Invoice",
        "Store",
        "On site",
        "Event",
        "Kiosk",
        "Signage",
        "Transport",
        "Word of mouth",
    ],
    page: "Page",
    steps: "Steps",
    of: "of",
};

static NB: Labels = Labels {
    actions: "Kundens handlinger og delmål",
    touchpoints: "Kontaktpunkter",
    emotions: "Emosjonelle elementer",
    curve: "Følelseskurve",
    functional: "Funksjonelle elementer",
    pain_points: "Smertepunkter",
    opportunities: "Muligheter",
    actors: "Aktører",
    step: "Steg",
    sub_goal: "Delmål",
    goal: "Mål",
    brand_promise: "Merkevareløfte",
    as_is: "Nåsituasjon",
    to_be: "Ønsket situasjon",
    improves_on: "Forbedrer",
    owner: "Eier",
    own: "Egen",
    partner: "Partner",
    public: "Offentlig",
    touchpoint: "Kontaktpunkt",
    physical: "Fysisk",
    digital: "Digitalt",
    personas: "Personas",
    all_customers: "Alle kunder",
    valence: "Valens",
    neutral: "ingen emosjonelle elementer (nøytral)",
    senses: "Sanser",
    sense_names: ["Syn", "Hørsel", "Lukt", "Smak", "Berøring"],
    intangible: "Immateriell",
    channels: "Kanaler",
    customer_path: "Kundens vei",
    path_hits: "berørte kontaktpunkter, i rekkefølge",
    path_last: "siste berøring",
    path_not_reached: "ikke nådd",
    measured: "Målt",
    below_design: "Under design",
    channel_names: [
        "Nett",
        "App",
        "E-post",
        "SMS",
        "Chat",
        "Telefon",
        "Sosiale medier",
        "Reklame",
        "Trykksak",
        "Brev",
        "Faktura",
        "Butikk",
        "På stedet",
        "Arrangement",
        "Kiosk",
        "Skilting",
        "Transport",
        "Muntlig omtale",
    ],
    page: "Side",
    steps: "Steg",
    of: "av",
};

static SV: Labels = Labels {
    actions: "Kundens handlingar och delmål",
    touchpoints: "Kontaktpunkter",
    emotions: "Emotionella element",
    curve: "Känslokurva",
    functional: "Funktionella element",
    pain_points: "Smärtpunkter",
    opportunities: "Möjligheter",
    actors: "Aktörer",
    step: "Steg",
    sub_goal: "Delmål",
    goal: "Mål",
    brand_promise: "Varumärkeslöfte",
    as_is: "Nuläge",
    to_be: "Önskat läge",
    improves_on: "Förbättrar",
    owner: "Ägare",
    own: "Egen",
    partner: "Partner",
    public: "Offentlig",
    touchpoint: "Kontaktpunkt",
    physical: "Fysisk",
    digital: "Digital",
    personas: "Personas",
    all_customers: "Alla kunder",
    valence: "Valens",
    neutral: "inga emotionella element (neutral)",
    senses: "Sinnen",
    sense_names: ["Syn", "Hörsel", "Lukt", "Smak", "Känsel"],
    intangible: "Immateriell",
    channels: "Kanaler",
    customer_path: "Kundens väg",
    path_hits: "berörda kontaktpunkter, i ordning",
    path_last: "senaste beröring",
    path_not_reached: "inte nådd",
    measured: "Uppmätt",
    below_design: "Under design",
    channel_names: [
        "Webb",
        "App",
        "E-post",
        "SMS",
        "Chatt",
        "Telefon",
        "Sociala medier",
        "Reklam",
        "Trycksak",
        "Brev",
        "Faktura",
        "Butik",
        "På plats",
        "Evenemang",
        "Kiosk",
        "Skyltning",
        "Transport",
        "Mun till mun",
    ],
    page: "Sida",
    steps: "Steg",
    of: "av",
};

static DA: Labels = Labels {
    actions: "Kundens handlinger og delmål",
    touchpoints: "Kontaktpunkter",
    emotions: "Emotionelle elementer",
    curve: "Følelseskurve",
    functional: "Funktionelle elementer",
    pain_points: "Smertepunkter",
    opportunities: "Muligheder",
    actors: "Aktører",
    step: "Trin",
    sub_goal: "Delmål",
    goal: "Mål",
    brand_promise: "Brandløfte",
    as_is: "Nuværende",
    to_be: "Fremtidig",
    improves_on: "Forbedrer",
    owner: "Ejer",
    own: "Egen",
    partner: "Partner",
    public: "Offentlig",
    touchpoint: "Kontaktpunkt",
    physical: "Fysisk",
    digital: "Digitalt",
    personas: "Personaer",
    all_customers: "Alle kunder",
    valence: "Valens",
    neutral: "ingen emotionelle elementer (neutral)",
    senses: "Sanser",
    sense_names: ["Syn", "Hørelse", "Lugt", "Smag", "Berøring"],
    intangible: "Immateriel",
    channels: "Kanaler",
    customer_path: "Kundens vej",
    path_hits: "berørte kontaktpunkter, i rækkefølge",
    path_last: "seneste berøring",
    path_not_reached: "ikke nået",
    measured: "Målt",
    below_design: "Under design",
    channel_names: [
        "Web",
        "App",
        "E-mail",
        "SMS",
        "Chat",
        "Telefon",
        "Sociale medier",
        "Reklame",
        "Tryksag",
        "Brev",
        "Faktura",
        "Butik",
        "På stedet",
        "Arrangement",
        "Kiosk",
        "Skiltning",
        "Transport",
        "Mund til mund",
    ],
    page: "Side",
    steps: "Trin",
    of: "af",
};

static FI: Labels = Labels {
    actions: "Asiakkaan toiminnot ja välitavoitteet",
    touchpoints: "Kosketuspisteet",
    emotions: "Tunne-elementit",
    curve: "Tunnekäyrä",
    functional: "Toiminnalliset elementit",
    pain_points: "Kipupisteet",
    opportunities: "Mahdollisuudet",
    actors: "Toimijat",
    step: "Vaihe",
    sub_goal: "Välitavoite",
    goal: "Tavoite",
    brand_promise: "Brändilupaus",
    as_is: "Nykytila",
    to_be: "Tavoitetila",
    improves_on: "Parantaa",
    owner: "Omistaja",
    own: "Oma",
    partner: "Kumppani",
    public: "Julkinen",
    touchpoint: "Kosketuspiste",
    physical: "Fyysinen",
    digital: "Digitaalinen",
    personas: "Persoonat",
    all_customers: "Kaikki asiakkaat",
    valence: "Valenssi",
    neutral: "ei tunne-elementtejä (neutraali)",
    senses: "Aistit",
    sense_names: ["Näkö", "Kuulo", "Haju", "Maku", "Kosketus"],
    intangible: "Aineeton",
    channels: "Kanavat",
    customer_path: "Asiakkaan polku",
    path_hits: "kohdatut kosketuspisteet järjestyksessä",
    path_last: "viimeisin kohtaaminen",
    path_not_reached: "ei saavutettu",
    measured: "Mitattu",
    below_design: "Alle suunnitellun",
    channel_names: [
        "Verkko",
        "Sovellus",
        "Sähköposti",
        "Tekstiviesti",
        "Chat",
        "Puhelin",
        "Sosiaalinen media",
        "Mainonta",
        "Painotuote",
        "Kirje",
        "Lasku",
        "Myymälä",
        "Paikan päällä",
        "Tapahtuma",
        "Kioski",
        "Opasteet",
        "Kuljetus",
        "Suusanallinen",
    ],
    page: "Sivu",
    steps: "Vaiheet",
    of: "/",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_resolve_with_fallback() {
        assert_eq!(for_locale("nb").curve, "Følelseskurve");
        assert_eq!(for_locale("nb-NO").curve, "Følelseskurve");
        assert_eq!(for_locale("sv").curve, "Känslokurva");
        assert_eq!(for_locale("da").opportunities, "Muligheder");
        assert_eq!(for_locale("fi").actors, "Toimijat");
        assert_eq!(for_locale("xx").actors, "Actors");
        assert_eq!(for_locale("en").customer_path, "Customer path");
        assert_eq!(for_locale("sv").customer_path, "Kundens väg");
        assert_eq!(for_locale("nb").measured, "Målt");
        assert_eq!(for_locale("fi").below_design, "Alle suunnitellun");
    }

    #[test]
    fn every_known_channel_has_a_name_in_every_language() {
        assert_eq!(KnownChannel::ALL.len(), 18);
        for l in [&EN, &NB, &SV, &DA, &FI] {
            for k in KnownChannel::ALL {
                assert!(!l.known_channel(*k).is_empty());
            }
        }
        assert_eq!(EN.known_channel(KnownChannel::WordOfMouth), "Word of mouth");
        assert_eq!(NB.known_channel(KnownChannel::Email), "E-post");
    }
}
