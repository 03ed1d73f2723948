//! CSV files people open in a spreadsheet program: UTF-8 with a byte-order mark (so Excel
//! shows Vietnamese), CRLF line ends. Reading reports every problem with its line, as an
//! editor numbers them, so that an import can be all or nothing.

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why an all-or-nothing import of such a file stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has {} problem(s); nothing was imported", .0.len())]
    Invalid(Vec<LineError>),
    #[error(transparent)]
    Service(#[from] super::ServiceError),
}

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

/// One problem in a file, at a line (1-based, as an editor shows it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

pub fn at(line: u64, message: impl Into<String>) -> LineError {
    LineError { line, message: message.into() }
}

/// A data row with its line, or the problem met reading it.
pub type Row = Result<(u64, csv::StringRecord), LineError>;

/// Reads a file (BOM optional): `columns` takes the header's trimmed names and says how many
/// cells each row must have, or why the header is refused. Blank rows are skipped; a row that
/// cannot be read or has another number of cells is a problem, in file order with the rest.
/// Fails at once on a file that is not UTF-8 or a refused header.
pub fn rows(bytes: &[u8], columns: impl FnOnce(&[&str]) -> Result<usize, String>) -> Result<Vec<Row>, Vec<LineError>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count() as u64;
        return Err(vec![at(line, "the file is not UTF-8 text (save it as \"CSV UTF-8\")")]);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![at(1, format!("cannot read the header: {e}"))]),
    };
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    let columns = columns(&names).map_err(|message| vec![at(1, message)])?;
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(bytes, p.byte()));
                out.push(Err(at(line, format!("cannot read the row: {e}"))));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_of(bytes, p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != columns {
            out.push(Err(at(line, format!("expected {columns} columns, found {}", record.len()))));
            continue;
        }
        out.push(Ok((line, record)));
    }
    Ok(out)
}

/// `columns` for a file whose header must be exactly `header`.
pub fn exactly<'a>(header: &'a [&'a str]) -> impl FnOnce(&[&str]) -> Result<usize, String> + 'a {
    move |names| {
        if names == header {
            Ok(header.len())
        } else {
            Err(format!("the header must be exactly: {}", header.join(",")))
        }
    }
}
