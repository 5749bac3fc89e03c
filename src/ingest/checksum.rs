//! sha256 of each input file, from the very bytes the run read, so the
//! digest in metrics.json describes exactly what was measured (no second
//! read). A workbook is hashed whole; a delimited file through
//! `HashingReader` as its bytes are read, so the CSV reader and the mapper
//! keep no hashing state of their own.

use std::io::Read;

use ring::digest::{Context, SHA256};

/// sha256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(ring::digest::digest(&SHA256, bytes).as_ref())
}

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A reader that hashes every byte read through it, when asked to.
pub struct HashingReader<R> {
    inner: R,
    digest: Option<Context>,
}

impl<R: Read> HashingReader<R> {
    /// Reads `inner`, hashing it when `hash` is true.
    pub fn new(inner: R, hash: bool) -> HashingReader<R> {
        HashingReader {
            inner,
            digest: hash.then(|| Context::new(&SHA256)),
        }
    }

    /// The sha256 (lower-case hex) of everything read, when hashing.
    pub fn finish(self) -> Option<String> {
        self.digest.map(|digest| hex(digest.finish().as_ref()))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(digest) = &mut self.digest {
            digest.update(&buf[..n]);
        }
        Ok(n)
    }
}
