//! Integration tests of the journey map: structure of the SVG, PNG size, PDF pages, errors.

// A failed unwrap is a failed test, with its location; that is all these need.
#![allow(clippy::unwrap_used)]

mod canvas;
mod errors;
mod fixture;
mod measured;
mod path;
mod pdf;
mod png;
mod samples;
mod svg;

use roxmltree::{Document, Node};

/// True when `node`'s `class` attribute contains the token `class`.
pub fn has_class(node: &Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|t| t == class))
}

/// Every element with the class token `class`.
pub fn by_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && has_class(n, class))
        .collect()
}

/// Descendant elements of `node` with the class token `class`.
pub fn within<'a, 'i>(node: Node<'a, 'i>, class: &str) -> Vec<Node<'a, 'i>> {
    node.descendants()
        .filter(|n| n.is_element() && has_class(n, class))
        .collect()
}

/// The lane group with `data-lane="key"`.
pub fn lane<'a, 'i>(doc: &'a Document<'i>, key: &str) -> Node<'a, 'i> {
    let lanes: Vec<_> = by_class(doc, "lane")
        .into_iter()
        .filter(|n| n.attribute("data-lane") == Some(key))
        .collect();
    assert_eq!(lanes.len(), 1, "exactly one lane `{key}`");
    lanes[0]
}

/// All text of `node` and its descendants, lines joined by spaces.
pub fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter(|n| n.parent().is_some_and(|p| p.tag_name().name() != "title"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
