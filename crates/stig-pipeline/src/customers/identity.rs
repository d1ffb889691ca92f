//! Identity resolution: the ids one person has used, stitched together.
//!
//! An `identify` (or any call) carrying both an anonymous id and a user id says they are one
//! person; an `alias` says `previousId` and `userId` are. Ids are joined in a union-find, so
//! stitching is near constant time per event and a later merge re-attributes everything
//! either side ever did. A person's profile id is the first user id they were known by, or,
//! for someone never identified, their first anonymous id.

use std::collections::HashMap;

/// Ids interned to dense numbers, joined into people.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Identities {
    index: HashMap<String, u32>,
    ids: Vec<Id>,
    parent: Vec<u32>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Id {
    text: String,
    is_user: bool,
}

impl Identities {
    /// The number of an id, interning it on first sight. A user id seen later as a user id
    /// keeps its number; an id first seen as anonymous and later as a user id becomes a user
    /// id (Segment lets a client send anything in either field).
    pub fn intern(&mut self, id: &str, is_user: bool) -> u32 {
        if let Some(&n) = self.index.get(id) {
            if is_user {
                self.ids[n as usize].is_user = true;
            }
            return n;
        }
        let n = self.ids.len() as u32;
        self.index.insert(id.to_owned(), n);
        self.ids.push(Id {
            text: id.to_owned(),
            is_user,
        });
        self.parent.push(n);
        n
    }

    /// The number of a known id.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// Says two ids are one person.
    pub fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            // The older id (smaller number) stays the root: merges never move a profile's id
            // to a newer one.
            let (keep, fold) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[fold as usize] = keep;
        }
    }

    /// Forgets an id's text (an erasure): it is no longer found, and if it is seen again it
    /// is a new id. Its number stays, pointing nowhere anyone can name.
    pub fn forget(&mut self, n: u32) {
        if let Some(id) = self.ids.get_mut(n as usize) {
            self.index.remove(&id.text);
            id.text = String::new();
        }
    }

    /// The person an id belongs to (their oldest id's number).
    pub fn root(&mut self, mut n: u32) -> u32 {
        while self.parent[n as usize] != n {
            let grand = self.parent[self.parent[n as usize] as usize];
            self.parent[n as usize] = grand;
            n = grand;
        }
        n
    }

    pub fn text(&self, n: u32) -> &str {
        &self.ids[n as usize].text
    }

    pub fn is_user(&self, n: u32) -> bool {
        self.ids[n as usize].is_user
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The heap bytes the ids take, about (each id's text is held twice: by number and in
    /// the lookup).
    pub fn bytes(&self) -> usize {
        let texts: usize = self.ids.iter().map(|i| i.text.capacity()).sum();
        2 * texts
            + self.ids.capacity() * std::mem::size_of::<Id>()
            + self.parent.capacity() * 4
            + self.index.capacity() * (std::mem::size_of::<String>() + 4 + 8)
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_are_transitive_and_keep_the_oldest_root() {
        let mut ids = Identities::default();
        let anon = ids.intern("anon-1", false);
        let kari = ids.intern("kari", true);
        let phone = ids.intern("anon-2", false);
        ids.join(phone, kari);
        ids.join(kari, anon);
        assert_eq!(ids.root(phone), anon);
        assert_eq!(ids.root(kari), anon);
        assert!(ids.is_user(kari));
        assert_eq!(ids.intern("kari", true), kari, "interned once");
    }
}
