//! The synonyms file: CSV (UTF-8, BOM optional) with the header `kind,name,phrases`; `kind`
//! is `abbreviation` or `concept`, `phrases` are separated by `;` (one for an abbreviation: the
//! words it stands for). Every problem is reported with its line; nothing is returned unless
//! the whole file is good.

use crate::domain::faq::vocabulary::Synonym;

use super::file::LineError;

pub const HEADER: [&str; 3] = ["kind", "name", "phrases"];
use crate::services::csv_file::BOM;

fn at(line: u64, message: impl Into<String>) -> LineError {
    LineError { line, message: message.into() }
}

pub fn read(bytes: &[u8]) -> Result<Vec<Synonym>, Vec<LineError>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(vec![at(1, "the file is not UTF-8 text (save it as \"CSV UTF-8\")")]);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => return Err(vec![at(1, format!("cannot read the header: {e}"))]),
    };
    if header != HEADER {
        return Err(vec![at(1, format!("the header must be exactly: {}", HEADER.join(",")))]);
    }
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(at(
                    e.position().map_or(0, |p| crate::services::csv_file::line_of(bytes, p.byte())),
                    format!("cannot read the row: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| crate::services::csv_file::line_of(bytes, p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != HEADER.len() {
            errors.push(at(line, format!("expected {} columns, found {}", HEADER.len(), record.len())));
            continue;
        }
        match Synonym::parse(&record[0], &record[1], &record[2]) {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(at(line, e.to_string())),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

pub fn write(rows: &[Synonym]) -> Result<Vec<u8>, csv::Error> {
    let records = rows.iter().map(|r| [r.kind.code().to_owned(), r.name.clone(), r.phrases.join("; ")]);
    crate::services::csv_file::write(&HEADER, records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::faq::vocabulary::built_in;

    #[test]
    fn the_built_in_rows_round_trip() {
        let rows = built_in();
        assert_eq!(read(&write(&rows).expect("writes")).expect("reads"), rows);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let file = "kind,name,phrases\nconcept,lo hoi,lò hơi; nồi hơi\nthing,a,b\nabbreviation,x y,z\nconcept,a\n";
        let lines: Vec<u64> = read(file.as_bytes()).expect_err("bad rows").iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert_eq!(read(b"name,phrases\n").expect_err("header")[0].line, 1);
    }
}
