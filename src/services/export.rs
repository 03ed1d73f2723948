//! Rosters as files: CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese) and XLSX
//! (`rust_xlsxwriter`: bold frozen header, filters, column widths that fit the content), one
//! row per attendee. The same bytes go to an admin in the chat and to the CLI's file.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::domain::course::Course;
use crate::domain::registration::{Registration, RegistrationStatus, RosterLabels, ROSTER_COLUMNS};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the CSV")]
    Csv(#[from] csv::Error),
    #[error("cannot write the spreadsheet")]
    Xlsx(#[from] XlsxError),
}

/// The roster as rows of cells, header first.
pub fn table(roster: &[Registration], labels: &RosterLabels) -> Vec<Vec<String>> {
    let mut rows = vec![labels.header.clone()];
    let mut n = 0;
    for r in roster {
        let status = match r.status {
            RegistrationStatus::Confirmed => &labels.confirmed,
            _ => &labels.waitlisted,
        };
        let registered = chrono::DateTime::from_timestamp(r.created_at, 0)
            .map(|t| t.with_timezone(&crate::domain::course::vn_zone()).format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_default();
        for a in &r.attendees {
            n += 1;
            let row = vec![
                n.to_string(),
                a.name.clone(),
                r.code().to_string(),
                status.clone(),
                r.details.enterprise.clone(),
                r.details.tax_code.clone().unwrap_or_default(),
                r.details.contact.clone(),
                r.details.position.clone(),
                r.details.phone.clone(),
                r.details.email.clone().unwrap_or_default(),
                registered.clone(),
                if a.attended { labels.yes.clone() } else { labels.no.clone() },
            ];
            debug_assert_eq!(row.len(), ROSTER_COLUMNS);
            rows.push(row);
        }
    }
    rows
}

/// CSV bytes with a UTF-8 byte-order mark.
pub fn csv(rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::Writer::from_writer(super::csv_file::BOM.to_vec());
    for row in rows {
        writer.write_record(row)?;
    }
    writer.into_inner().map_err(|e| ExportError::Csv(e.into_error().into()))
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\'`, trimmed (may be
/// empty).
pub fn sheet_name(raw: &str) -> String {
    let name: String =
        raw.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'')).take(31).collect();
    name.trim().to_owned()
}

/// XLSX bytes: one sheet named after the course (Excel allows 31 characters, no `[]:*?/\`).
pub fn xlsx(course: &Course, rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name = sheet_name(&course.fields.title);
    sheet.set_name(if name.is_empty() { format!("{}", course.id) } else { name })?;
    write_table(sheet, rows, |_| false)?;
    let mut widths = [4usize; ROSTER_COLUMNS];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let width = u32::try_from((*w).min(50) + 2).unwrap_or(52);
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), width)?;
    }
    freeze_and_filter(sheet, rows.len(), ROSTER_COLUMNS)?;
    Ok(workbook.save_to_buffer()?)
}

/// Writes `rows` from A1, the first (the header) in bold; a cell of a column `numeric` names
/// is written as a number when it reads as one.
pub fn write_table(
    sheet: &mut Worksheet,
    rows: &[Vec<String>],
    numeric: impl Fn(usize) -> bool,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            if r == 0 {
                sheet.write_string_with_format(r, col, cell, &bold)?;
            } else if let (true, Ok(n)) = (numeric(c), cell.parse::<f64>()) {
                sheet.write_number(r, col, n)?;
            } else {
                sheet.write_string(r, col, cell)?;
            }
        }
    }
    Ok(())
}

/// Keeps the header row in view and puts filters over a table of `rows` rows (header
/// included) and `columns` columns.
pub fn freeze_and_filter(sheet: &mut Worksheet, rows: usize, columns: usize) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.saturating_sub(1)).unwrap_or(0);
    let last_col = u16::try_from(columns.saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}
