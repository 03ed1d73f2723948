//! CSV files people open in a spreadsheet program: UTF-8 with a byte-order mark (so Excel
//! shows Vietnamese), CRLF line ends.

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header, then one record per row.
pub fn write<R, F>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(header)?;
        for row in rows {
            w.write_record(row)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The 1-based line where byte `offset` of `bytes` is, for a record's position (the csv
/// crate's own line count is off by one after the first record of a CRLF file, which is what
/// Excel writes).
pub fn line_of(bytes: &[u8], offset: u64) -> u64 {
    let mut end = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
    // A record may be said to start at the line break before it.
    while bytes.get(end).is_some_and(|b| *b == b'\r' || *b == b'\n') {
        end += 1;
    }
    1 + bytes.get(..end).unwrap_or_default().iter().filter(|&&b| b == b'\n').count() as u64
}
