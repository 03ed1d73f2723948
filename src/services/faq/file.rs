//! The FAQ file format of the public contract (PRODUCT.md): CSV per RFC 4180, UTF-8 with an
//! optional BOM, multi-line cells allowed, header
//! `id,category,question_vi,answer_vi,question_en,answer_en,keywords`, optionally followed by
//! `source` and `reviewed` (DD/MM/YYYY). Files are written with all nine columns.
//!
//! Reading validates everything and reports every problem with its line number; nothing is
//! returned unless the whole file is good, so an import is all or nothing.

use std::collections::HashMap;

use crate::domain::faq::{FaqEntry, RawEntry};

pub const HEADER: [&str; 9] =
    ["id", "category", "question_vi", "answer_vi", "question_en", "answer_en", "keywords", "source", "reviewed"];
/// The columns a file must have; `source` and `reviewed` may follow, in that order.
const REQUIRED: usize = 7;
use crate::services::csv_file::at;
pub use crate::services::csv_file::LineError;

/// Parses a whole FAQ file.
pub fn read(bytes: &[u8]) -> Result<Vec<FaqEntry>, Vec<LineError>> {
    let rows = crate::services::csv_file::rows(bytes, |names| {
        let columns = names.len();
        if (REQUIRED..=HEADER.len()).contains(&columns) && names == &HEADER[..columns] {
            Ok(columns)
        } else {
            Err(format!(
                "the header must be exactly: {} (the last two, source and reviewed, may be left out)",
                HEADER.join(",")
            ))
        }
    })?;
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for row in rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let raw = RawEntry {
            id: &record[0],
            category: &record[1],
            question_vi: &record[2],
            answer_vi: &record[3],
            question_en: &record[4],
            answer_en: &record[5],
            keywords: &record[6],
            source: record.get(7).unwrap_or_default(),
            reviewed: record.get(8).unwrap_or_default(),
        };
        match FaqEntry::parse(&raw) {
            Ok(entry) => {
                if let Some(first) = first_line_of.get(entry.id.as_str()) {
                    errors.push(at(line, format!("id {:?} is already used on line {first}", entry.id.as_str())));
                } else {
                    first_line_of.insert(entry.id.as_str().to_owned(), line);
                    entries.push(entry);
                }
            }
            Err(e) => errors.push(at(line, e.to_string())),
        }
    }
    if entries.is_empty() && errors.is_empty() {
        errors.push(at(1, "the file has no entries"));
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Writes entries in the same format (with a BOM, so spreadsheet programs read UTF-8).
pub fn write(entries: &[FaqEntry]) -> Result<Vec<u8>, csv::Error> {
    let rows = entries.iter().map(|e| {
        [
            e.id.as_str().to_owned(),
            e.category.clone(),
            e.question_vi.clone(),
            e.answer_vi.clone(),
            e.question_en.clone(),
            e.answer_en.clone(),
            e.keywords.join(";"),
            e.source.clone(),
            e.reviewed.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
        ]
    });
    crate::services::csv_file::write(&HEADER, rows)
}

/// The FAQ shipped with the bot, loaded on first start.
pub const DEFAULT: &[u8] = include_bytes!("default.csv");

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id,category,question_vi,answer_vi,question_en,answer_en,keywords\n";

    #[test]
    fn the_default_faq_is_valid_and_large_enough() {
        let entries = read(DEFAULT).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(entries.len() >= 60, "{} entries", entries.len());
    }

    #[test]
    fn export_then_import_gives_the_same_faq() {
        let entries = read(DEFAULT).expect("valid");
        let again = read(&write(&entries).expect("writes")).expect("reads back");
        assert_eq!(entries, again);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let file = format!(
            "{HEAD}a,Chung,Hỏi?,Đáp.,,,\nBad Id,Chung,Hỏi?,Đáp.,,,\na,Chung,Hỏi lại?,Đáp.,,,\nb,Chung,,Đáp.,,,\n\"c\",Chung,\"Nhiều\ndòng?\",Đáp.,,,\nd,Chung,Hỏi?\n"
        );
        let errors = read(file.as_bytes()).expect_err("bad rows");
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 8], "{errors:?}");
        assert!(errors[1].message.contains("line 2"));
    }

    #[test]
    fn a_wrong_header_bad_utf8_and_a_bom_are_handled() {
        assert_eq!(read(b"id,question\na,b\n").expect_err("header")[0].line, 1);
        let mut latin1 = HEAD.as_bytes().to_vec();
        latin1.extend_from_slice(b"a,Chung,H\xF3i?,x,,,\n");
        assert_eq!(read(&latin1).expect_err("not UTF-8")[0].line, 2);
        let with_bom = [crate::services::csv_file::BOM, HEAD.as_bytes(), "a,Chung,Hỏi?,Đáp.,,,\n".as_bytes()].concat();
        assert_eq!(read(&with_bom).map(|e| e.len()), Ok(1));
    }

    #[test]
    fn lines_are_right_in_a_file_saved_with_windows_line_ends() {
        let file = "id,category,question_vi,answer_vi,question_en,answer_en,keywords\r\na,Chung,Hỏi?,Đáp.,,,\r\nBad Id,Chung,Hỏi?,Đáp.,,,\r\nb,Chung,\"Hai\r\ndòng?\",Đáp.,,,\r\nc,Chung,,Đáp.,,,\r\n";
        let lines: Vec<u64> = read(file.as_bytes()).expect_err("bad rows").iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 6]);
    }

    #[test]
    fn source_and_reviewed_columns_are_optional_and_round_trip() {
        let eight = "id,category,question_vi,answer_vi,question_en,answer_en,keywords,source\na,Chung,Hỏi?,Đáp.,,,,Luật 77/2025/QH15\n";
        let entries = read(eight.as_bytes()).expect("eight columns");
        assert_eq!(entries[0].source, "Luật 77/2025/QH15");
        let nine = format!("{}\na,Chung,Hỏi?,Đáp.,,,,Luật 77/2025/QH15,06/12/2026\n", HEADER.join(","));
        let entries = read(nine.as_bytes()).expect("nine columns");
        assert_eq!(entries[0].reviewed, chrono::NaiveDate::from_ymd_opt(2026, 12, 6));
        assert_eq!(read(&write(&entries).expect("writes")).expect("reads back"), entries);
        let bad = nine.replace("06/12/2026", "12/31/2026");
        assert_eq!(read(bad.as_bytes()).expect_err("bad date")[0].line, 2);
        let wrong_order = "id,category,question_vi,answer_vi,question_en,answer_en,keywords,reviewed\n";
        assert_eq!(read(wrong_order.as_bytes()).expect_err("header")[0].line, 1);
    }
}
