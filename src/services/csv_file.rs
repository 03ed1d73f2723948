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
