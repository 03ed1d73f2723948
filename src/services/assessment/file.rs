//! The self-assessment's question file (PRODUCT.md): CSV per RFC 4180, UTF-8 with an optional
//! BOM, header `id,area,sector,weight,benefit,question_vi,question_en,options_vi,options_en,
//! action_vi,reason_vi,action_en,reason_en,faq_id`. Every problem is reported with its line
//! number and nothing is returned unless the whole file is good, so an import is all or nothing.

use std::collections::{HashMap, HashSet};

use crate::domain::assessment::{Area, Question, RawQuestion};
pub use crate::services::csv_file::LineError;
use crate::services::csv_file::{at, exactly};

pub const HEADER: [&str; 14] = [
    "id",
    "area",
    "sector",
    "weight",
    "benefit",
    "question_vi",
    "question_en",
    "options_vi",
    "options_en",
    "action_vi",
    "reason_vi",
    "action_en",
    "reason_en",
    "faq_id",
];

/// The question set shipped with the bot, used until the centre imports its own.
pub const DEFAULT: &[u8] = include_bytes!("default.csv");

/// Parses a whole question file; `faq_ids`, when given, are the FAQ entries a link may name.
pub fn read(bytes: &[u8], faq_ids: Option<&HashSet<String>>) -> Result<Vec<Question>, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut questions = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for row in crate::services::csv_file::rows(bytes, exactly(&HEADER))? {
        let (line, record) = match row {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let cell = |i: usize| record.get(i).unwrap_or_default();
        let raw = RawQuestion {
            id: cell(0),
            area: cell(1),
            sector: cell(2),
            weight: cell(3),
            benefit: cell(4),
            question_vi: cell(5),
            question_en: cell(6),
            options_vi: cell(7),
            options_en: cell(8),
            action_vi: cell(9),
            reason_vi: cell(10),
            action_en: cell(11),
            reason_en: cell(12),
            faq_id: cell(13),
        };
        match Question::parse(&raw) {
            Ok(q) => {
                if let (Some(ids), Some(f)) = (faq_ids, &q.faq_id) {
                    if !ids.contains(f.as_str()) {
                        errors.push(at(line, format!("faq_id {:?} is not an entry of the FAQ", f.as_str())));
                        continue;
                    }
                }
                if let Some(first) = first_line_of.get(&q.id) {
                    errors.push(at(line, format!("id {:?} is already used on line {first}", q.id)));
                } else {
                    first_line_of.insert(q.id.clone(), line);
                    questions.push(q);
                }
            }
            Err(e) => errors.push(at(line, e.to_string())),
        }
    }
    if errors.is_empty() {
        let missing: Vec<&str> = Area::ALL
            .iter()
            .filter(|a| !questions.iter().any(|q| q.area == **a && q.sector.is_none()))
            .map(Area::code)
            .collect();
        if !missing.is_empty() {
            errors
                .push(at(1, format!("every area needs a question for all sectors; none for: {}", missing.join(", "))));
        }
    }
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(errors)
    }
}

/// Writes questions in the same format (with a BOM, so spreadsheet programs read UTF-8).
pub fn write(questions: &[Question]) -> Result<Vec<u8>, csv::Error> {
    let rows = questions.iter().map(|q| {
        let (options_vi, options_en) = q.options_cells();
        [
            q.id.as_str().to_owned(),
            q.area.code().to_owned(),
            q.sector.map(|s| s.code()).unwrap_or_default().to_owned(),
            q.weight.to_string(),
            q.benefit.to_string(),
            q.text_vi.clone(),
            q.text_en.clone(),
            options_vi,
            options_en,
            q.action_vi.clone(),
            q.reason_vi.clone(),
            q.action_en.clone(),
            q.reason_en.clone(),
            q.faq_id.as_ref().map(|f| f.as_str()).unwrap_or_default().to_owned(),
        ]
    });
    crate::services::csv_file::write(&HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{plan, Sector};

    fn faq_ids() -> HashSet<String> {
        crate::services::faq::file::read(crate::services::faq::file::DEFAULT)
            .expect("the default FAQ")
            .into_iter()
            .map(|e| e.id.as_str().to_owned())
            .collect()
    }

    #[test]
    fn the_default_set_is_valid_links_to_real_faq_entries_and_fits_every_sector() {
        let qs = read(DEFAULT, Some(&faq_ids())).unwrap_or_else(|e| panic!("{e:?}"));
        for sector in Sector::ALL {
            let n = plan(&qs, sector).len();
            assert!((12..=20).contains(&n), "{} questions for {sector:?}", n);
        }
        for sector in [Sector::Coffee, Sector::Cassava, Sector::Rubber, Sector::Wood, Sector::Bricks, Sector::Food] {
            assert!(qs.iter().any(|q| q.sector == Some(sector)), "no question for {sector:?}");
        }
        assert!(qs.iter().all(|q| q.faq_id.is_some() && !q.text_en.is_empty() && !q.action_en.is_empty()));
        assert!(qs.iter().any(|q| !q.choices.is_empty()), "a few multiple choices");
    }

    #[test]
    fn export_then_import_gives_the_same_questions() {
        let qs = read(DEFAULT, None).expect("valid");
        assert_eq!(read(&write(&qs).expect("writes"), None).expect("reads back"), qs);
    }

    #[test]
    fn a_bad_file_is_rejected_whole_with_every_line_named() {
        let good = String::from_utf8(DEFAULT.to_vec()).expect("utf-8");
        let mut lines: Vec<&str> = good.lines().collect();
        let bad_area = lines[1].replacen("housekeeping", "air", 1);
        let duplicate = lines[2].to_owned();
        lines[1] = &bad_area;
        lines.push(&duplicate);
        lines.push("x,energy,,7,1,Hỏi?,,,,Việc,Lý do,,,");
        let file = lines.join("\n");
        let errors = read(file.as_bytes(), Some(&faq_ids())).expect_err("bad rows");
        let at: Vec<u64> = errors.iter().map(|e| e.line).collect();
        let n = lines.len() as u64;
        assert_eq!(at, vec![2, n - 1, n], "{errors:?}");
        assert!(errors[1].message.contains("line 3"));
        assert_eq!(read(b"id,question\na,b\n", None).expect_err("header")[0].line, 1);
        let unknown_faq = good.replacen("quan-ly-noi-vi", "khong-co-muc-nay", 1);
        let errors = read(unknown_faq.as_bytes(), Some(&faq_ids())).expect_err("faq link");
        assert_eq!(errors[0].line, 2, "{errors:?}");
    }
}
