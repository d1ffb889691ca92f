//! From a model path (`step[3].touchpoints[1]`) to a byte span in a TOML document.

use std::ops::Range;
use toml_edit::{Item, Value};

use crate::Seg;

/// The span of the value at `path` in `doc`, or of the nearest ancestor that has one.
pub(crate) fn span_of(doc: &toml_edit::Document<String>, path: &[Seg]) -> Option<Range<usize>> {
    let mut best = None;
    let mut node = Node::Item(doc.as_item());
    for seg in path {
        if let Seg::KeyName(k) = seg {
            return key_span(node, k).or(best);
        }
        let Some((key_span, next)) = step(node, seg) else {
            break;
        };
        // Prefer the value's own span; a table has none worth showing, so keep its key's.
        best = next.span().or(key_span).or(best);
        node = next;
    }
    best
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Table(&'a toml_edit::Table),
    Value(&'a Value),
}

impl Node<'_> {
    fn span(&self) -> Option<Range<usize>> {
        match self {
            Node::Item(Item::Table(_)) => None,
            Node::Table(t) => t.span(),
            Node::Item(i) => i.span(),
            Node::Value(v) => v.span(),
        }
    }
}

/// One step down the tree: the key's span (when the step was a key) and the child.
fn step<'a>(node: Node<'a>, seg: &Seg) -> Option<(Option<Range<usize>>, Node<'a>)> {
    match (node, seg) {
        (Node::Item(Item::Table(t)) | Node::Table(t), Seg::Key(k)) => t
            .get_key_value(k)
            .map(|(key, item)| (key.span(), Node::Item(item))),
        (Node::Item(Item::ArrayOfTables(a)), Seg::Index(i)) => {
            a.get(*i).map(|t| (None, Node::Table(t)))
        }
        (Node::Item(Item::Value(v)) | Node::Value(v), seg) => match (v, seg) {
            (Value::Array(a), Seg::Index(i)) => a.get(*i).map(|v| (None, Node::Value(v))),
            (Value::InlineTable(t), Seg::Key(k)) => {
                let key_span = t.key(k).and_then(|key| key.span());
                t.get(k).map(|v| (key_span, Node::Value(v)))
            }
            _ => None,
        },
        _ => None,
    }
}

fn key_span(node: Node<'_>, k: &str) -> Option<Range<usize>> {
    match node {
        Node::Item(Item::Table(t)) | Node::Table(t) => t.key(k).and_then(|key| key.span()),
        Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
            t.key(k).and_then(|key| key.span())
        }
        _ => None,
    }
}
