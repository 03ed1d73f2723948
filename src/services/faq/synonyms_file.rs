//! The synonyms file: CSV (UTF-8, BOM optional) with the header `kind,name,phrases`; `kind`
//! is `abbreviation` or `concept`, `phrases` are separated by `;` (one for an abbreviation: the
//! words it stands for). Every problem is reported with its line; nothing is returned unless
//! the whole file is good.

use crate::domain::faq::vocabulary::Synonym;

use crate::services::csv_file::{at, exactly, LineError};

pub const HEADER: [&str; 3] = ["kind", "name", "phrases"];

pub fn read(bytes: &[u8]) -> Result<Vec<Synonym>, Vec<LineError>> {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for row in crate::services::csv_file::rows(bytes, exactly(&HEADER))? {
        let (line, record) = match row {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
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
