//! Short feedback comments in the customers' languages, good and bad, so generated feedback
//! reads like real feedback and exercises the Nordic lexicons.

/// `(language, positive comments, negative comments)`.
pub const COMMENTS: &[(&str, &[&str], &[&str])] = &[
    (
        "nb",
        &[
            "Fantastisk opplevelse, vi kommer igjen!",
            "Veldig hyggelig og koselig.",
            "Alt gikk knirkefritt.",
            "Flott service og god stemning.",
        ],
        &[
            "Altfor lang ventetid.",
            "Dårlig informasjon og kaldt.",
            "Skuffende, ikke verdt pengene.",
            "Rotete og stressende.",
        ],
    ),
    (
        "sv",
        &[
            "Underbart, vi kommer tillbaka!",
            "Mycket trevligt och smidigt.",
            "Allt fungerade perfekt.",
            "Fin service och bra stämning.",
        ],
        &[
            "Alldeles för lång väntetid.",
            "Dålig information och kallt.",
            "Besviken, inte värt pengarna.",
            "Rörigt och stressigt.",
        ],
    ),
    (
        "da",
        &[
            "Fantastisk oplevelse, vi kommer igen!",
            "Meget hyggeligt.",
            "Alt gik gnidningsfrit.",
            "Flot service og god stemning.",
        ],
        &[
            "Alt for lang ventetid.",
            "Dårlig information og koldt.",
            "Skuffende, ikke pengene værd.",
            "Rodet og stressende.",
        ],
    ),
    (
        "fi",
        &[
            "Upea kokemus, tulemme uudelleen!",
            "Todella mukavaa ja kodikasta.",
            "Kaikki sujui hienosti.",
            "Hyvää palvelua ja tunnelmaa.",
        ],
        &[
            "Aivan liian pitkä odotus.",
            "Huono tiedotus ja kylmää.",
            "Pettymys, ei rahan arvoinen.",
            "Sekavaa ja stressaavaa.",
        ],
    ),
    (
        "en",
        &[
            "Wonderful experience, we will be back!",
            "Very friendly and cosy.",
            "Everything went smoothly.",
            "Great service and atmosphere.",
        ],
        &[
            "Far too long a wait.",
            "Poor information and cold.",
            "Disappointing, not worth the money.",
            "Messy and stressful.",
        ],
    ),
];

/// The comments of `language`, English when it has none.
pub fn comments(language: &str) -> (&'static [&'static str], &'static [&'static str]) {
    COMMENTS
        .iter()
        .find(|(l, _, _)| *l == language)
        .or_else(|| COMMENTS.iter().find(|(l, _, _)| *l == "en"))
        .map_or((&[], &[]), |(_, good, bad)| (*good, *bad))
}
