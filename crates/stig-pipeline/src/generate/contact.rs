//! A generated customer's name, contact details and consent, as a real identify call carries
//! them, so pages and tasks show people rather than ids and marketing moments have someone who
//! agreed to them. Drawn from the customer's id, not the generator's stream, so adding them
//! changes none of the other generated figures.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::hash::{Hash, Hasher};

/// Name, e-mail, phone and consent traits for one customer.
pub(super) fn traits(id: &str, language: &str) -> Vec<(&'static str, Value)> {
    // SipHash with its fixed zero keys: the same id gives the same person on every machine.
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    let mut rng = ChaCha8Rng::seed_from_u64(h.finish());
    let (firsts, lasts, prefix) = names(language);
    let first = firsts[rng.random_range(0..firsts.len())];
    let last = lasts[rng.random_range(0..lasts.len())];
    let n: u32 = rng.random_range(1..1000);
    let email = format!(
        "{}.{}{n}@example.com",
        ascii(first).to_lowercase(),
        ascii(last).to_lowercase()
    );
    let phone = format!(
        "{prefix} {:03} {:02} {:03}",
        rng.random_range(400..1000),
        rng.random_range(0..100),
        rng.random_range(0..1000)
    );
    // Most agree to service messages' cousins: analytics; about two in three to marketing.
    let consent = json!({
        "marketing": rng.random_bool(0.65),
        "analytics": rng.random_bool(0.9),
    });
    vec![
        ("first_name", json!(first)),
        ("last_name", json!(last)),
        ("name", json!(format!("{first} {last}"))),
        ("email", json!(email)),
        ("phone", json!(phone)),
        ("consent", consent),
    ]
}

fn names(
    language: &str,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
) {
    match language {
        "nb" => (
            &[
                "Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Håkon", "Nora", "Emil", "Marit",
                "Jonas",
            ],
            &[
                "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakken",
            ],
            "+47",
        ),
        "sv" => (
            &[
                "Anna", "Erik", "Maja", "Johan", "Elsa", "Oskar", "Linnea", "Karl", "Saga", "Nils",
            ],
            &[
                "Andersson",
                "Johansson",
                "Karlsson",
                "Nilsson",
                "Eriksson",
                "Lindberg",
                "Sjöberg",
            ],
            "+46",
        ),
        "da" => (
            &[
                "Mette", "Søren", "Freja", "Mads", "Ida", "Rasmus", "Signe", "Anders", "Emma",
            ],
            &[
                "Nielsen",
                "Jensen",
                "Hansen",
                "Pedersen",
                "Andersen",
                "Christensen",
                "Møller",
            ],
            "+45",
        ),
        "fi" => (
            &[
                "Aino", "Juha", "Helmi", "Mikko", "Liisa", "Antti", "Sanna", "Eero", "Venla",
            ],
            &[
                "Korhonen",
                "Virtanen",
                "Mäkinen",
                "Nieminen",
                "Mäkelä",
                "Hämäläinen",
                "Laine",
            ],
            "+358",
        ),
        _ => (
            &[
                "Alice", "Ben", "Chloe", "David", "Emily", "Finn", "Grace", "Henry", "Isla",
            ],
            &[
                "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright",
            ],
            "+44",
        ),
    }
}

/// The e-mail address's letters: Nordic letters spelt as people do in addresses.
fn ascii(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            'å' | 'Å' => vec!['a', 'a'],
            'æ' | 'Æ' | 'ä' | 'Ä' => vec!['a', 'e'],
            'ø' | 'Ø' | 'ö' | 'Ö' => vec!['o', 'e'],
            'é' => vec!['e'],
            c => vec![c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_id_is_the_same_person_and_addresses_are_ascii() {
        let a = traits("c7ea-0000016", "nb");
        assert_eq!(a, traits("c7ea-0000016", "nb"));
        let email = a
            .iter()
            .find(|(k, _)| *k == "email")
            .map(|(_, v)| v.clone());
        let email = email
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        assert!(
            email.is_ascii() && email.ends_with("@example.com"),
            "{email}"
        );
        assert!(
            a.iter()
                .any(|(k, v)| *k == "phone" && v.as_str().is_some_and(|p| p.starts_with("+47 ")))
        );
        // Not everyone agrees to marketing: both answers occur among a few hundred people.
        let agreed = (0..300)
            .filter(|i| {
                traits(&format!("c-{i}"), "sv")
                    .iter()
                    .any(|(k, v)| *k == "consent" && v["marketing"] == true)
            })
            .count();
        assert!((100..280).contains(&agreed), "{agreed}");
    }
}
