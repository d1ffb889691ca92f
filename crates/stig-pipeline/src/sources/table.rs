//! Delimited text tables, the shape CSV and survey files share: a header (read from the first
//! line, or named by the mapping for files without one) and rows, each with its line number.
//!
//! Fields are separated by one byte (`,` `;` `\t` `|`, quoting as in RFC 4180, read by the
//! `csv` crate) or by runs of spaces and tabs ([`Delimiter::Whitespace`], no quoting, as in
//! fixed-width exports such as CDNOW's). Line ends may be `\n`, `\r\n` or `\r`: they are made
//! `\n` before parsing, so line numbers are those an editor shows whatever the file's origin.

use std::io::{self, BufRead, Read};

use super::{Counting, ImportError, Rejected, decode_lenient};

/// How the fields of a line are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// One byte: `,` (the default), `;`, `\t`, `|`…
    Byte(u8),
    /// Runs of spaces and tabs; leading and trailing ones are ignored.
    Whitespace,
}

impl Default for Delimiter {
    fn default() -> Self {
        Self::Byte(b',')
    }
}

impl Delimiter {
    /// Reads a mapping's `delimiter`: one ASCII character (`","`, `";"`, `"|"`, `"\t"`), or the
    /// words `tab`, `comma`, `semicolon`, `pipe`, `space` (exactly one space), `whitespace`
    /// (runs of spaces and tabs).
    pub fn parse(text: &str) -> Result<Self, String> {
        Ok(match text {
            "whitespace" => Self::Whitespace,
            "tab" | "\\t" => Self::Byte(b'\t'),
            "comma" => Self::Byte(b','),
            "semicolon" => Self::Byte(b';'),
            "pipe" => Self::Byte(b'|'),
            "space" => Self::Byte(b' '),
            _ if text.len() == 1 && text.is_ascii() && text != "\"" && text != "\n" => {
                Self::Byte(text.as_bytes()[0])
            }
            _ => {
                return Err(format!(
                    "delimiter {text:?} is not one character (\",\", \";\", \"\\t\", \"|\") or \"whitespace\""
                ));
            }
        })
    }

    /// For messages: `","`, `"\t"`, `whitespace`.
    pub fn describe(self) -> String {
        match self {
            Self::Byte(b) => format!("{:?}", char::from(b).to_string()),
            Self::Whitespace => "whitespace".to_owned(),
        }
    }
}

/// A [`Read`] that turns `\r\n` and a lone `\r` into `\n`, and ends the last line with one,
/// so that every row ends in exactly one `\n` and lines can be counted from those.
pub(crate) struct Newlines<R> {
    inner: R,
    /// The last byte handed out was a `\r` turned into `\n`: a `\n` right after it is dropped.
    after_cr: bool,
    /// The last byte handed out, `\n` before any.
    last: u8,
}

impl<R: BufRead> Newlines<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            after_cr: false,
            last: b'\n',
        }
    }

    pub(crate) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }
}

impl<R: BufRead> Read for Newlines<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if out.is_empty() {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            if input.is_empty() {
                if self.last == b'\n' {
                    return Ok(0);
                }
                self.last = b'\n';
                out[0] = b'\n';
                return Ok(1);
            }
            let mut i = 0;
            if self.after_cr && input[0] == b'\n' {
                i = 1;
            }
            self.after_cr = false;
            let mut n = 0;
            while i < input.len() && n < out.len() {
                let room = (input.len() - i).min(out.len() - n);
                let plain = input[i..i + room]
                    .iter()
                    .position(|&b| b == b'\r')
                    .unwrap_or(room);
                out[n..n + plain].copy_from_slice(&input[i..i + plain]);
                n += plain;
                i += plain;
                if plain < room {
                    out[n] = b'\n';
                    n += 1;
                    i += 1;
                    if input.get(i) == Some(&b'\n') {
                        i += 1;
                    } else if i == input.len() {
                        // The `\n` of a `\r\n` may start the next buffer.
                        self.after_cr = true;
                    }
                }
            }
            self.inner.consume(i);
            if n > 0 {
                self.last = out[n - 1];
                return Ok(n);
            }
        }
    }
}

/// What [`Table::next`] found.
pub(crate) enum Next {
    /// A row, read into the record, on this 1-based line.
    Row(usize),
    /// A row the parser could not read (reported, then skipped).
    Bad(Rejected),
    /// The end of the input.
    End,
}

enum Rows<'p, R> {
    Csv(Box<::csv::Reader<Newlines<Counting<'p, R>>>>),
    Whitespace {
        input: io::BufReader<Newlines<Counting<'p, R>>>,
        line: usize,
        buf: Vec<u8>,
    },
}

/// A delimited table being read: its header, then its rows.
pub(crate) struct Table<'p, R> {
    rows: Rows<'p, R>,
    /// Column names, trimmed (a UTF-8 byte order mark dropped).
    pub(crate) header: Vec<String>,
    /// Whether the names come from the mapping (the file has no header line).
    named: bool,
    delimiter: Delimiter,
    /// No row read yet: a byte order mark may still lead the first field.
    first: bool,
}

const BOM: &[u8] = b"\xef\xbb\xbf";

impl<'p, R: BufRead> Table<'p, R> {
    /// Opens a table. With `columns` empty, the first line is read as the header; else the file
    /// has no header line and `columns` name its fields in order.
    pub(crate) fn open(
        input: R,
        progress: &'p mut dyn FnMut(u64),
        delimiter: Delimiter,
        columns: &[String],
    ) -> Result<Self, ImportError> {
        let input = Newlines::new(Counting::new(input, progress));
        let rows = match delimiter {
            Delimiter::Byte(b) => Rows::Csv(Box::new(
                ::csv::ReaderBuilder::new()
                    .delimiter(b)
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(input),
            )),
            Delimiter::Whitespace => Rows::Whitespace {
                input: io::BufReader::with_capacity(64 * 1024, input),
                line: 0,
                buf: Vec::new(),
            },
        };
        let mut table = Self {
            rows,
            header: columns.iter().map(|c| c.trim().to_owned()).collect(),
            named: !columns.is_empty(),
            delimiter,
            first: true,
        };
        if !table.named {
            let mut record = ::csv::ByteRecord::new();
            match table.next(&mut record)? {
                Next::Row(_) => {
                    table.header = record
                        .iter()
                        .map(|h| decode_lenient(h).trim().to_owned())
                        .collect();
                }
                Next::Bad(r) => {
                    return Err(ImportError::Syntax {
                        line: r.line,
                        reason: format!("unreadable header: {}", r.reason),
                    });
                }
                Next::End => {
                    return Err(ImportError::Syntax {
                        line: 1,
                        reason: "the file is empty (no header line)".to_owned(),
                    });
                }
            }
        }
        Ok(table)
    }

    /// Reads the next row into `record`. Blank lines are skipped.
    pub(crate) fn next(&mut self, record: &mut ::csv::ByteRecord) -> Result<Next, ImportError> {
        let found = match &mut self.rows {
            Rows::Csv(reader) => match reader.read_byte_record(record) {
                Ok(false) => Next::End,
                Ok(true) => {
                    // The `csv` crate numbers a row by the line its reading started on, before
                    // the blank lines it skips; count back from the row's end instead. The
                    // row's `\n` and those inside its quoted fields were all read.
                    let end = reader.position().line() as usize;
                    let inside = record.as_slice().iter().filter(|&&b| b == b'\n').count();
                    Next::Row(end.saturating_sub(1 + inside).max(1))
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    let reason = format!("unreadable row: {e}");
                    if let ::csv::ErrorKind::Io(_) = e.kind()
                        && let ::csv::ErrorKind::Io(io) = e.into_kind()
                    {
                        return Err(ImportError::Io(io));
                    }
                    Next::Bad(Rejected { line, reason })
                }
            },
            Rows::Whitespace { input, line, buf } => loop {
                buf.clear();
                if input.read_until(b'\n', buf)? == 0 {
                    break Next::End;
                }
                *line += 1;
                record.clear();
                for field in buf
                    .split(|&b| matches!(b, b' ' | b'\t' | b'\n'))
                    .filter(|f| !f.is_empty())
                {
                    record.push_field(field);
                }
                if !record.is_empty() {
                    break Next::Row(*line);
                }
            },
        };
        if self.first
            && let Next::Row(_) = found
        {
            self.first = false;
            if record.get(0).is_some_and(|f| f.starts_with(BOM)) {
                let fields: Vec<Vec<u8>> = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| if i == 0 { &f[BOM.len()..] } else { f }.to_vec())
                    .collect();
                *record = ::csv::ByteRecord::from(fields);
            }
        }
        Ok(found)
    }

    /// The index of column `name` (matched with surrounding whitespace ignored), or an error
    /// that lists the header read and suggests the closest name.
    pub(crate) fn find(&self, name: &str) -> Result<usize, ImportError> {
        self.position(name).ok_or_else(|| ImportError::Syntax {
            line: 1,
            reason: self.no_column(&[name.to_owned()]),
        })
    }

    /// The index of column `name`, matched with surrounding whitespace ignored.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name.trim())
    }

    /// "no column "Date"; did you mean "date"? The header has: id, date, amount": for a
    /// mapping that names columns (alternatives) the file lacks.
    pub(crate) fn no_column(&self, names: &[String]) -> String {
        let wanted = names
            .iter()
            .map(|n| format!("{:?}", n.trim()))
            .collect::<Vec<_>>()
            .join(" or ");
        let mut message = format!("no column {wanted}");
        match self.suggest(names) {
            Some(s) => message.push_str(&format!("; did you mean {s:?}? ")),
            None => message.push_str(". "),
        }
        message.push_str(&self.describe_header());
        message
    }

    /// The header name closest to one of `names`, when one is close enough to be a typo.
    pub(crate) fn suggest(&self, names: &[String]) -> Option<String> {
        names.iter().find_map(|n| {
            stig_model::did_you_mean(n.trim(), self.header.iter().map(String::as_str))
        })
    }

    /// "The header (split on ",") has: id, date, amount", with a hint when the delimiter
    /// looks wrong.
    pub(crate) fn describe_header(&self) -> String {
        let mut message = String::new();
        let listed = self
            .header
            .iter()
            .map(|h| {
                if h.is_empty() {
                    "\"\"".to_owned()
                } else {
                    h.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        if self.named {
            message.push_str(&format!("The mapping's `columns` are: {listed}"));
        } else {
            message.push_str(&format!(
                "The header (split on {}) has: {listed}",
                self.delimiter.describe()
            ));
            // A one-column header holding another separator: the delimiter is wrong.
            if let [only] = self.header.as_slice()
                && let Some(sep) = [';', '\t', '|', ',']
                    .into_iter()
                    .find(|c| only.contains(*c))
            {
                message.push_str(&format!(
                    ". It looks separated by {sep:?}: set `delimiter = {:?}` in the mapping",
                    sep.to_string()
                ));
            }
        }
        message
    }

    /// Reports the final byte count to the progress callback.
    pub(crate) fn finish(&mut self) {
        match &mut self.rows {
            Rows::Csv(reader) => reader.get_mut().get_mut().finish(),
            Rows::Whitespace { input, .. } => input.get_mut().get_mut().finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(input: &[u8], chunk: usize) -> Vec<u8> {
        // A tiny buffer puts `\r\n` across buffer boundaries.
        let mut reader = Newlines::new(io::BufReader::with_capacity(chunk, input));
        let mut out = Vec::new();
        let mut buf = [0u8; 3];
        loop {
            let n = reader.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn line_ends_become_newlines() {
        let input = b"a,b\r\nc\rd\n\r\n\"x\r\ny\"\r";
        for chunk in 1..8 {
            assert_eq!(
                normalized(input, chunk),
                b"a,b\nc\nd\n\n\"x\ny\"\n",
                "buffer {chunk}"
            );
            assert_eq!(normalized(b"a\r\nb", chunk), b"a\nb\n", "buffer {chunk}");
            assert_eq!(normalized(b"", chunk), b"", "buffer {chunk}");
        }
    }

    fn rows(input: &[u8], delimiter: Delimiter) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
        let mut progress = |_| {};
        let mut table = Table::open(input, &mut progress, delimiter, &[]).expect("open");
        let mut record = ::csv::ByteRecord::new();
        let mut out = Vec::new();
        while let Next::Row(line) = table.next(&mut record).expect("row") {
            out.push((line, record.iter().map(decode_lenient).collect()));
        }
        (table.header.clone(), out)
    }

    #[test]
    fn crlf_rows_have_the_lines_an_editor_shows() {
        let (header, got) = rows(b"\xef\xbb\xbfid,name\r\n1,a\r\n\r\n2,\"b\r\nc\"\r\n3,d", {
            Delimiter::default()
        });
        assert_eq!(header, ["id", "name"]);
        let lines: Vec<usize> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(got[1].1, ["2", "b\nc"]);
    }

    #[test]
    fn whitespace_splits_on_runs_of_spaces_and_tabs() {
        let (header, got) = rows(
            b"id   date\tcds  amount\r\n00001 19970101  1  11.77\r\n\r\n   \n  00002 19970112 \t 2 20.76  \n",
            Delimiter::Whitespace,
        );
        assert_eq!(header, ["id", "date", "cds", "amount"]);
        assert_eq!(
            got[0],
            (
                2,
                vec![
                    "00001".into(),
                    "19970101".into(),
                    "1".into(),
                    "11.77".into()
                ]
            )
        );
        assert_eq!(got[1].0, 5);
        assert_eq!(got[1].1, ["00002", "19970112", "2", "20.76"]);
    }

    #[test]
    fn delimiters_are_read_from_the_mapping() {
        assert_eq!(Delimiter::parse(";"), Ok(Delimiter::Byte(b';')));
        assert_eq!(Delimiter::parse("\t"), Ok(Delimiter::Byte(b'\t')));
        assert_eq!(Delimiter::parse("\\t"), Ok(Delimiter::Byte(b'\t')));
        assert_eq!(Delimiter::parse("tab"), Ok(Delimiter::Byte(b'\t')));
        assert_eq!(Delimiter::parse("whitespace"), Ok(Delimiter::Whitespace));
        let err = Delimiter::parse(";;").expect_err("two characters");
        assert!(err.contains("whitespace"), "{err}");
    }

    #[test]
    fn a_missing_column_lists_the_header_and_the_closest_name() {
        let mut progress = |_| {};
        let table = Table::open(
            &b"id,date,amount\n"[..],
            &mut progress,
            Delimiter::default(),
            &[],
        )
        .expect("open");
        let err = table.find("Date").expect_err("no column").to_string();
        assert_eq!(
            err,
            "line 1: no column \"Date\"; did you mean \"date\"? The header (split on \",\") has: id, date, amount"
        );
        let mut progress = |_| {};
        let table =
            Table::open(&b"id;date\n"[..], &mut progress, Delimiter::default(), &[]).expect("open");
        let err = table.find("date").expect_err("no column").to_string();
        assert!(err.contains("set `delimiter = \";\"`"), "{err}");
    }
}
