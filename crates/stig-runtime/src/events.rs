//! One way to read a workspace's stored events: a cursor walked page by page.
//!
//! Every reader of the event log (the live workers, the moments evaluator, the backtest,
//! `build_once`) goes through [`EventStream`] instead of its own page loop:
//!
//! ```no_run
//! # async fn f(store: &dyn stig_store::Store) -> Result<(), stig_store::StoreError> {
//! let mut events = stig_runtime::EventStream::new("arctic", 0, 20_000);
//! while let Some(page) = events.next_page(store).await? {
//!     for (seq, text) in &page { /* … */ }
//! }
//! let cursor = events.cursor(); // the last event read: the next pass starts after it
//! # Ok(()) }
//! ```
//!
//! A stream is one pass over what is stored *now*: it ends once a page comes back short
//! (nothing more was stored when it was read) without asking the store once more, so reading
//! everything costs as many queries as there are pages. Events stored later are read by a
//! new stream from [`EventStream::cursor`].

use stig_store::{EventFilter, Store, StoreError};

/// A workspace's stored events in sequence order, after a cursor, a page at a time.
#[derive(Debug, Clone)]
pub struct EventStream {
    ws: String,
    /// The last sequence number read (0: none); pages start after it.
    cursor: i64,
    /// Events asked for per page.
    page: u32,
    /// Read no further than this sequence number.
    until: Option<i64>,
    /// A page came back short (or the bound was reached): nothing more to read this pass.
    finished: bool,
    /// Only the events this takes (exports); `None`: every event.
    filter: Option<EventFilter>,
}

impl EventStream {
    /// The events of workspace `ws` stored after sequence number `after` (0: all), read
    /// `page` at a time.
    pub fn new(ws: impl Into<String>, after: i64, page: u32) -> Self {
        EventStream {
            ws: ws.into(),
            cursor: after,
            page: page.max(1),
            until: None,
            finished: false,
            filter: None,
        }
    }

    /// Reads only the events `filter` takes; the cursor still moves in arrival order.
    pub fn matching(mut self, filter: EventFilter) -> Self {
        self.filter = (filter != EventFilter::default()).then_some(filter);
        self
    }

    /// Stops the stream at sequence number `until` (inclusive): a replay up to a cursor.
    pub fn until(mut self, until: i64) -> Self {
        self.until = Some(until);
        self
    }

    /// The next page of `(seq, event JSON text)`, advancing the cursor past it; `None` once
    /// everything stored (up to the bound) has been read.
    pub async fn next_page(
        &mut self,
        store: &dyn Store,
    ) -> Result<Option<Vec<(i64, String)>>, StoreError> {
        if self.finished || self.until.is_some_and(|u| self.cursor >= u) {
            self.finished = true;
            return Ok(None);
        }
        let mut page = match &self.filter {
            None => {
                store
                    .scan_event_texts(&self.ws, self.cursor, self.page)
                    .await?
            }
            Some(f) => {
                store
                    .scan_event_texts_matching(&self.ws, self.cursor, self.page, f)
                    .await?
            }
        };
        self.finished = page.len() < self.page as usize;
        if let Some(until) = self.until
            && page.last().is_some_and(|&(seq, _)| seq > until)
        {
            page.retain(|&(seq, _)| seq <= until);
            self.finished = true;
        }
        let Some(&(last, _)) = page.last() else {
            self.finished = true;
            return Ok(None);
        };
        self.cursor = last;
        Ok(Some(page))
    }

    /// The sequence number of the last event read (where the stream started if none was).
    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// Whether this pass is over: the last page was short, or the bound was reached. The
    /// next [`EventStream::next_page`] then answers `None` without asking the store.
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// The workspace read.
    pub fn workspace(&self) -> &str {
        &self.ws
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stig_store::{NewEvent, SqliteStore};

    fn event(i: i64) -> NewEvent {
        NewEvent {
            message_id: format!("m{i}"),
            kind: "track".into(),
            user_id: Some("u".into()),
            anonymous_id: None,
            event: Some("Tested".into()),
            timestamp: jiff::Timestamp::from_second(1_700_000_000 + i).expect("time"),
            received_at: jiff::Timestamp::from_second(1_700_000_000 + i).expect("time"),
            source: None,
            body: serde_json::json!({"type": "track", "event": "Tested", "messageId": format!("m{i}")}),
        }
    }

    async fn seqs(stream: &mut EventStream, store: &dyn Store) -> Vec<Vec<i64>> {
        let mut pages = Vec::new();
        while let Some(page) = stream.next_page(store).await.expect("page") {
            pages.push(page.iter().map(|(seq, _)| *seq).collect());
        }
        pages
    }

    #[tokio::test]
    async fn pages_advance_the_cursor_and_end_where_the_store_does() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path().join("t.db"))
            .await
            .expect("store");
        store
            .import_workspace("w", &stig_model::Workspace::default(), "test")
            .await
            .expect("import");
        let first: Vec<NewEvent> = (1..=5).map(event).collect();
        store.append_events("w", &first).await.expect("append");
        let all: Vec<i64> = store
            .scan_event_texts("w", 0, 100)
            .await
            .expect("scan")
            .iter()
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(all.len(), 5);

        let mut stream = EventStream::new("w", 0, 2);
        let pages = seqs(&mut stream, &store).await;
        assert_eq!(pages, [&all[0..2], &all[2..4], &all[4..5]]);
        assert!(stream.finished());
        assert_eq!(stream.cursor(), all[4]);

        // A full last page: one more (empty) read ends it.
        let mut even = EventStream::new("w", all[0], 2);
        assert_eq!(seqs(&mut even, &store).await, [&all[1..3], &all[3..5]]);

        // Up to a bound: a replay to a cursor.
        let mut replay = EventStream::new("w", 0, 2).until(all[2]);
        assert_eq!(seqs(&mut replay, &store).await, [&all[0..2], &all[2..3]]);
        assert_eq!(replay.cursor(), all[2]);
        let mut nothing = EventStream::new("w", 0, 2).until(0);
        assert!(seqs(&mut nothing, &store).await.is_empty());

        // Events stored later are read by a new pass from the cursor.
        let later: Vec<NewEvent> = (6..=7).map(event).collect();
        store.append_events("w", &later).await.expect("append");
        let mut next = EventStream::new("w", stream.cursor(), 2);
        let pages = seqs(&mut next, &store).await;
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].len(), 2);
        assert!(pages[0][0] > all[4]);
    }
}
