//! Persona pictures: the accepted formats (recognised by their magic bytes, never by the name
//! or the type a browser claims), the size limit, and the SQLite statements.

use jiff::Timestamp;

use crate::sql::{self, now, parse_ts, ts};
use crate::{Result, SqliteStore, StoreError};

/// The largest picture accepted, in bytes (1 MiB: a portrait, not a photo archive).
pub const MAX_PICTURE_BYTES: usize = 1024 * 1024;

/// A stored persona picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaPicture {
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub mime: String,
    pub bytes: Vec<u8>,
    pub updated_at: Timestamp,
}

/// The media type of a PNG, JPEG or WebP picture from its first bytes; `None` for anything
/// else.
pub fn picture_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Checks a picture before it is stored: not empty, at most [`MAX_PICTURE_BYTES`], and a
/// PNG, JPEG or WebP by its magic bytes. Returns its media type.
pub fn check_picture(bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(StoreError::Invalid("the picture is empty".into()));
    }
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(StoreError::Invalid(format!(
            "the picture is {} KiB; at most {} KiB is accepted",
            bytes.len().div_ceil(1024),
            MAX_PICTURE_BYTES / 1024
        )));
    }
    picture_mime(bytes)
        .ok_or_else(|| StoreError::Invalid("the file is not a PNG, JPEG or WebP picture".into()))
}

const PUT: &str = "INSERT INTO persona_pictures (workspace_id, persona, mime, bytes, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, persona) DO UPDATE SET
         mime = excluded.mime, bytes = excluded.bytes, updated_at = excluded.updated_at";
const GET: &str =
    "SELECT mime, bytes, updated_at FROM persona_pictures WHERE workspace_id = ? AND persona = ?";
const LIST: &str =
    "SELECT persona, updated_at FROM persona_pictures WHERE workspace_id = ? ORDER BY persona";
const DELETE: &str = "DELETE FROM persona_pictures WHERE workspace_id = ? AND persona = ?";

impl SqliteStore {
    pub(crate) async fn set_persona_picture_impl(
        &self,
        ws: &str,
        persona: &str,
        bytes: &[u8],
    ) -> Result<()> {
        if persona.is_empty() {
            return Err(StoreError::Invalid("the persona id is empty".into()));
        }
        let mime = check_picture(bytes)?;
        let put = sqlx::query(PUT)
            .bind(ws)
            .bind(persona)
            .bind(mime)
            .bind(bytes)
            .bind(ts(now()))
            .execute(self.pool())
            .await;
        match put {
            Ok(_) => Ok(()),
            Err(e) if sql::is_foreign_key_violation(&e) => Err(StoreError::workspace_not_found(ws)),
            Err(e) => Err(e.into()),
        }
    }

    pub(crate) async fn persona_picture_impl(
        &self,
        ws: &str,
        persona: &str,
    ) -> Result<Option<PersonaPicture>> {
        let row: Option<(String, Vec<u8>, String)> = sqlx::query_as(GET)
            .bind(ws)
            .bind(persona)
            .fetch_optional(self.pool())
            .await?;
        row.map(|(mime, bytes, at)| {
            Ok(PersonaPicture {
                mime,
                bytes,
                updated_at: parse_ts(&at)?,
            })
        })
        .transpose()
    }

    pub(crate) async fn persona_pictures_impl(&self, ws: &str) -> Result<Vec<(String, Timestamp)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as(LIST).bind(ws).fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|(p, at)| Ok((p, parse_ts(&at)?)))
            .collect()
    }

    pub(crate) async fn delete_persona_picture_impl(
        &self,
        ws: &str,
        persona: &str,
    ) -> Result<bool> {
        let done = sqlx::query(DELETE)
            .bind(ws)
            .bind(persona)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_magic_bytes() {
        assert_eq!(
            picture_mime(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(
            picture_mime(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some("image/jpeg")
        );
        assert_eq!(picture_mime(b"RIFF\x24\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(picture_mime(b"GIF89a"), None);
        assert_eq!(
            picture_mime(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            None
        );
        assert_eq!(picture_mime(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(picture_mime(b""), None);
    }

    #[test]
    fn empty_big_and_foreign_files_are_refused_with_a_reason() {
        assert!(matches!(check_picture(b""), Err(StoreError::Invalid(m)) if m.contains("empty")));
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(MAX_PICTURE_BYTES + 1, 0);
        assert!(
            matches!(check_picture(&big), Err(StoreError::Invalid(m)) if m.contains("1024 KiB"))
        );
        assert!(
            matches!(check_picture(b"%PDF-1.7"), Err(StoreError::Invalid(m)) if m.contains("PNG, JPEG or WebP"))
        );
        assert_eq!(check_picture(b"\x89PNG\r\n\x1a\n").ok(), Some("image/png"));
    }
}
