//! Names and ids a collected event carries must be text people can read: a control
//! character (NUL, ESC, a line break, …) in an event name, a page or screen name, an id or a
//! property or trait key is refused, naming the field, rather than stored to break whatever
//! later draws or exports it (an SVG or PDF cannot hold a NUL at all).

use stig_pipeline::event::{Event, EventError, Problem};

/// The first unreadable name or id in `events`; `batch` says whether they came as a batch
/// (so the error says `batch[3]`).
pub fn check(events: &[Event], batch: bool) -> Result<(), EventError> {
    for (i, e) in events.iter().enumerate() {
        let index = batch.then_some(i);
        let fields = [
            ("messageId", Some(e.message_id.as_str())),
            ("userId", e.user_id.as_deref()),
            ("anonymousId", e.anonymous_id.as_deref()),
            ("event", e.event.as_deref()),
            ("name", e.name.as_deref()),
            ("groupId", e.group_id.as_deref()),
            ("previousId", e.previous_id.as_deref()),
        ];
        for (field, value) in fields {
            if let Some(c) = value.and_then(unreadable) {
                return Err(refused(index, field.to_owned(), c));
            }
        }
        for (map, keys) in [("properties", &e.properties), ("traits", &e.traits)] {
            for key in keys.keys() {
                if let Some(c) = unreadable(key) {
                    let shown: String = key.chars().filter(|c| !c.is_control()).collect();
                    return Err(refused(index, format!("{map}.{shown}"), c));
                }
            }
        }
    }
    Ok(())
}

/// The first control character (or non-character, which XML cannot hold) in `s`.
pub fn unreadable(s: &str) -> Option<char> {
    s.chars()
        .find(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

fn refused(index: Option<usize>, field: String, c: char) -> EventError {
    EventError {
        problem: Problem::Invalid,
        index,
        field: Some(field),
        message: format!(
            "contains the control character U+{:04X}; names and ids must be readable text",
            u32::from(c)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found() {
        assert_eq!(unreadable("Page Viewed"), None);
        assert_eq!(unreadable("Sidevisning – ørret"), None);
        assert_eq!(unreadable("Page\u{0}Viewed"), Some('\u{0}'));
        assert_eq!(unreadable("a\tb"), Some('\t'));
        assert_eq!(unreadable("a\u{85}b"), Some('\u{85}'));
        assert_eq!(unreadable("a\u{FFFF}"), Some('\u{FFFF}'));
    }
}
