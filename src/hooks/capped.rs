//! Reading a response body with a size cap, so a hostile or broken gateway cannot make the
//! client buffer without bound.

use bytes::{Bytes, BytesMut};

/// Reads the body, stopping as soon as it passes `limit` bytes (`Err(limit)`).
pub(super) async fn read(
    mut response: reqwest::Response,
    limit: usize,
) -> reqwest::Result<Result<Bytes, usize>> {
    if response
        .content_length()
        .is_some_and(|declared| declared > limit as u64)
    {
        return Ok(Err(limit));
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(Err(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Ok(body.freeze()))
}
