//! The places a subscriber chooses from: the commune-level units (xã, phường, đặc khu) of the
//! province as they are since 1 July 2025, when Vietnam dropped the district level, each with
//! the district it belonged to before (its *former district*, which groups the units), and a
//! matcher for what people type: without diacritics ("xuan dai"), with a prefix ("tp Tuy Hoa",
//! "phường Tân An", "xa Ea Kar") or a former district ("Ea Kar", "huyện Krông Pắc"), which
//! lists the units that were in it.
//!
//! The default list is Đắk Lắk's 102 units (`dak-lak-communes-2025.csv` beside this file, with
//! its sources), compiled in; an operator gives another with `AREAS` or `AREAS_FILE`. Pure:
//! parsing takes text (the CSV reader works on a string, no I/O), folding is the FAQ's.

use super::faq::normalize;

/// The shipped list: Đắk Lắk since 1 July 2025 (Resolution 1660/NQ-UBTVQH15), with the
/// columns `name,type,former_district,former_province,source`.
pub const SHIPPED_CSV: &str = include_str!("dak-lak-communes-2025.csv");
/// What each shipped unit was formed from: its `old_units` column lists the communes and
/// wards before 1 July 2025 ("Xã Hòa Khánh [Thành phố Buôn Ma Thuột]; Phường 9 [Thành phố
/// Tuy Hòa] (một phần)"), so that their names find the unit they are part of now.
pub const SHIPPED_COMPOSITION_CSV: &str = include_str!("dak-lak-communes-2025-composition.csv");

/// The most matches worth showing as buttons at once.
pub const MAX_MATCHES: usize = 8;
/// The longest name a unit or a former district may have.
pub const MAX_NAME: usize = 60;
/// The most units a list may hold (a province has a few hundred at most).
pub const MAX_UNITS: usize = 2000;

/// What kind of commune-level unit a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// xã
    Commune,
    /// phường
    Ward,
    /// đặc khu
    SpecialZone,
    /// Not given (a list of names only) or not one of the above.
    Unknown,
}

impl UnitKind {
    /// The Fluent selector of the kind.
    pub fn code(&self) -> &'static str {
        match self {
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "zone",
            UnitKind::Unknown => "other",
        }
    }

    fn parse(text: &str) -> UnitKind {
        match key(text).as_str() {
            "xa" => UnitKind::Commune,
            "phuong" => UnitKind::Ward,
            "dackhu" => UnitKind::SpecialZone,
            _ => UnitKind::Unknown,
        }
    }
}

/// What kind of district-level unit a former district was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormerKind {
    /// huyện
    District,
    /// thị xã
    Town,
    /// thành phố (thuộc tỉnh)
    City,
    /// No prefix, or another one.
    Unknown,
}

impl FormerKind {
    /// The Fluent selector of the kind.
    pub fn code(&self) -> &'static str {
        match self {
            FormerKind::District => "district",
            FormerKind::Town => "town",
            FormerKind::City => "city",
            FormerKind::Unknown => "other",
        }
    }
}

/// One commune-level unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The official name without its kind ("Xuân Đài"); unique in its list.
    pub name: String,
    pub kind: UnitKind,
    /// The former district it belonged to (an index into [`AreaList::groups`]).
    pub group: Option<usize>,
    /// The folded words of the name, and the same words joined ("xuan dai", "xuandai").
    words: Vec<String>,
    key: String,
}

/// A former district: the units that were in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    /// As the list writes it ("Huyện Ea Kar"); broadcasts store this.
    pub full_name: String,
    /// Without its kind ("Ea Kar").
    pub name: String,
    pub kind: FormerKind,
    words: Vec<String>,
    key: String,
    members: Vec<usize>,
}

impl Former {
    /// The units that were in it, in list order.
    pub fn members(&self) -> &[usize] {
        &self.members
    }
}

/// A list that cannot be used, phrased for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error("the list has no units")]
    Empty,
    #[error("more than {MAX_UNITS} units")]
    TooMany,
    #[error("the CSV header has no `name` column (expected name,type,former_district,former_province,source)")]
    NoNameColumn,
    #[error("line {line}: {reason}")]
    Csv { line: u64, reason: String },
    #[error("line {line}: a name is empty or longer than {MAX_NAME} characters")]
    BadName { line: u64 },
    #[error("{0:?} is listed twice")]
    Duplicate(String),
}

/// The units subscribers choose from, grouped by former district.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AreaList {
    areas: Vec<Area>,
    groups: Vec<Former>,
    /// The key of a commune or ward from before 1 July 2025, and a unit it is (part of) now.
    old_units: Vec<(String, usize)>,
}

/// What a typed place matched, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    /// Indexes into the list, best first (all of them; show [`MAX_MATCHES`]).
    pub units: Vec<usize>,
    /// The former district the text named, if it named one.
    pub former: Option<usize>,
    /// The best match is a unit that a commune or ward of that name from before 1 July 2025
    /// became part of (the text names no current unit or former district).
    pub by_old_name: bool,
}

/// Prefixes people put before a place, as folded words, and what they say about it.
const PREFIXES: &[(&[&str], Hint)] = &[
    (&["thanh", "pho"], Hint::Former(FormerKind::City)),
    (&["thi", "xa"], Hint::Former(FormerKind::Town)),
    (&["thi", "tran"], Hint::Unit(UnitKind::Unknown)),
    (&["dac", "khu"], Hint::Unit(UnitKind::SpecialZone)),
    (&["tp"], Hint::Former(FormerKind::City)),
    (&["tx"], Hint::Former(FormerKind::Town)),
    (&["huyen"], Hint::Former(FormerKind::District)),
    (&["h"], Hint::Former(FormerKind::District)),
    (&["xa"], Hint::Unit(UnitKind::Commune)),
    (&["x"], Hint::Unit(UnitKind::Commune)),
    (&["phuong"], Hint::Unit(UnitKind::Ward)),
    (&["p"], Hint::Unit(UnitKind::Ward)),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    Unit(UnitKind),
    Former(FormerKind),
}

/// Folded, lower-case words of a text (letters and digits only).
fn folded_words(text: &str) -> Vec<String> {
    normalize::words(text).iter().map(|w| normalize::fold(w)).collect()
}

/// The words without a leading kind ("huyện", "tp", "xã"…) and without a trailing province
/// ("…, tỉnh Đắk Lắk", "… Đắk Lắk"), with what the prefix said and how many words it had.
fn strip(mut words: Vec<String>) -> (Vec<String>, Hint, usize) {
    if let Some(at) = words.iter().skip(1).position(|w| w == "tinh") {
        words.truncate(at + 1);
    }
    if words.len() > 2 && words.ends_with(&["dak".to_owned(), "lak".to_owned()]) {
        words.truncate(words.len() - 2);
    }
    for (prefix, hint) in PREFIXES {
        if words.len() > prefix.len() && words.iter().zip(prefix.iter()).all(|(w, p)| w == p) {
            return (words.split_off(prefix.len()), *hint, prefix.len());
        }
    }
    (words, Hint::None, 0)
}

/// The comparison key of a place's name: folded, without its kind, letters and digits only
/// ("Huyện Krông A Na" and "Krông Ana" are both `krongana`; "M'Đrắk" is `mdrak`).
pub fn key(text: &str) -> String {
    strip(folded_words(text)).0.concat()
}

/// How well a unit's name matches the typed key without typos (0: not at all).
fn exact_score(a: &Area, typed: &str, typed_initials: Option<&str>) -> u32 {
    if a.key == typed {
        100
    } else if a.key.starts_with(typed) && typed.len() >= 2 {
        70
    } else if typed.len() >= 3 && (1..a.words.len()).any(|w| a.words[w..].concat().starts_with(typed)) {
        // The later words of a name: "loan" for "Ô Loan", "an bac" for "Tuy An Bắc".
        60
    } else if typed_initials.is_some() && initials(&a.words).as_deref() == typed_initials {
        55
    } else {
        0
    }
}

/// How many single-character edits (insert, delete, replace, swap two neighbours) turn `a`
/// into `b`, up to `limit + 1`.
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    // d[i][j]: the distance between the first i characters of a and the first j of b.
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let replace = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = replace.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()].min(limit + 1)
}

/// The score of a unit found by the name of a commune or ward it was formed from.
const OLD_NAME: u32 = 80;

/// Typos tolerated in a key of this length: none in short names, where one letter makes
/// another place.
fn tolerance(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// The first letters of the words, for abbreviations such as "bmt" (Buôn Ma Thuột).
fn initials(words: &[String]) -> Option<String> {
    (words.len() >= 3).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

impl AreaList {
    /// Đắk Lắk's 102 units since 1 July 2025, grouped by their 24 former districts.
    pub fn shipped() -> AreaList {
        static SHIPPED: std::sync::OnceLock<AreaList> = std::sync::OnceLock::new();
        // The file is compiled in and a test parses it: it cannot fail at run time.
        SHIPPED
            .get_or_init(|| {
                let mut list = AreaList::from_csv(SHIPPED_CSV).unwrap_or_default();
                list.add_old_units(SHIPPED_COMPOSITION_CSV);
                list
            })
            .clone()
    }

    /// Reads a CSV with the columns `name` (a unit of the list) and `old_units`: the units from
    /// before 1 July 2025 each was formed from, `;`-separated, each perhaps followed by its
    /// district in brackets and "(một phần)" when only part of it joined. Rows naming no unit
    /// of the list, and a file without those columns, add nothing.
    fn add_old_units(&mut self, csv_text: &str) {
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_text.as_bytes());
        let Ok(headers) = reader.headers().cloned() else { return };
        let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(name_at), Some(old_at)) = (column("name"), column("old_units")) else { return };
        for record in reader.records().flatten() {
            let (Some(name), Some(old)) = (record.get(name_at), record.get(old_at)) else { continue };
            if let Some(unit) = self.position(name) {
                self.add_old_names(unit, old);
            }
        }
    }

    /// `old`: `;`-separated names of units from before 1 July 2025 that (partly) form `unit`.
    fn add_old_names(&mut self, unit: usize, old: &str) {
        for entry in old.split(';') {
            // "Xã Hòa Khánh [Thành phố Buôn Ma Thuột] (một phần)" → "Xã Hòa Khánh"
            let name = entry.split('[').next().unwrap_or_default().split('(').next().unwrap_or_default();
            let k = key(name);
            if !k.is_empty() && !self.old_units.contains(&(k.clone(), unit)) {
                self.old_units.push((k, unit));
            }
        }
    }

    /// A CSV with a header naming at least `name`, optionally `type` (xã, phường, đặc khu),
    /// `former_district` (e.g. "Huyện Ea Kar") and `former_province`; other columns are ignored.
    pub fn from_csv(text: &str) -> Result<AreaList, AreaError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| AreaError::Csv { line: 1, reason: e.to_string() })?.clone();
        let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let name_at = column("name").ok_or(AreaError::NoNameColumn)?;
        let (type_at, former_at, old_at) = (column("type"), column("former_district"), column("old_units"));
        let (mut rows, mut olds) = (Vec::new(), Vec::new());
        for record in reader.records() {
            let record = record.map_err(|e| AreaError::Csv {
                line: e.position().map_or(0, csv::Position::line),
                reason: e.to_string(),
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or_default().to_owned();
            if record.iter().all(str::is_empty) {
                continue;
            }
            rows.push((line, field(Some(name_at)), field(type_at), field(former_at)));
            olds.push(field(old_at));
        }
        let mut list = Self::build(rows)?;
        for (unit, old) in olds.iter().enumerate() {
            list.add_old_names(unit, old);
        }
        Ok(list)
    }

    /// A comma-separated list of names (`AREAS`, or the old `DISTRICTS`): units without kind
    /// or former district.
    pub fn from_names(list: &str) -> Result<AreaList, AreaError> {
        let rows = list
            .split(',')
            .enumerate()
            .map(|(i, n)| (u64::try_from(i + 1).unwrap_or(u64::MAX), n.trim().to_owned(), String::new(), String::new()))
            .collect();
        Self::build(rows)
    }

    /// Rows of (line, name, type, former district).
    fn build(rows: Vec<(u64, String, String, String)>) -> Result<AreaList, AreaError> {
        if rows.len() > MAX_UNITS {
            return Err(AreaError::TooMany);
        }
        let mut list = AreaList::default();
        for (line, name, kind, former) in rows {
            let name = normalize::nfc(&name).into_owned();
            let words = folded_words(&name);
            if name.is_empty() || name.chars().count() > MAX_NAME || words.is_empty() {
                return Err(AreaError::BadName { line });
            }
            if list.position(&name).is_some() {
                return Err(AreaError::Duplicate(name));
            }
            let group = if former.is_empty() {
                None
            } else if former.chars().count() > MAX_NAME {
                return Err(AreaError::BadName { line });
            } else {
                Some(list.group_for(&normalize::nfc(&former)))
            };
            let index = list.areas.len();
            if let Some(g) = group {
                list.groups[g].members.push(index);
            }
            list.areas.push(Area { key: words.concat(), words, name, kind: UnitKind::parse(&kind), group });
        }
        if list.areas.is_empty() {
            return Err(AreaError::Empty);
        }
        Ok(list)
    }

    /// The index of the former district written `full_name`, added if new.
    fn group_for(&mut self, full_name: &str) -> usize {
        if let Some(g) = self.groups.iter().position(|g| g.full_name == full_name) {
            return g;
        }
        let (words, hint, dropped) = strip(folded_words(full_name));
        let kind = match hint {
            Hint::Former(kind) => kind,
            _ => FormerKind::Unknown,
        };
        // The name without its kind, as written (the prefixes are words of their own).
        let name = full_name.split_whitespace().skip(dropped).collect::<Vec<_>>().join(" ");
        let name = if name.is_empty() { full_name.to_owned() } else { name };
        self.groups.push(Former {
            full_name: full_name.to_owned(),
            name,
            kind,
            key: words.concat(),
            words,
            members: vec![],
        });
        self.groups.len() - 1
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Area> {
        self.areas.get(index)
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The former districts, in the order of the list.
    pub fn groups(&self) -> &[Former] {
        &self.groups
    }

    pub fn group(&self, index: usize) -> Option<&Former> {
        self.groups.get(index)
    }

    /// The unit with exactly this name.
    pub fn position(&self, name: &str) -> Option<usize> {
        let name = normalize::nfc(name);
        self.areas.iter().position(|a| a.name == name)
    }

    pub fn by_name(&self, name: &str) -> Option<&Area> {
        self.position(name).and_then(|i| self.get(i))
    }

    /// The former district a name stands for, however it is written: "Ea Kar", "huyện Ea
    /// Kar", "Huyện Ea Kar" (a profile made before 1 July 2025 holds such a name).
    pub fn former(&self, name: &str) -> Option<usize> {
        let k = key(name);
        (!k.is_empty()).then(|| self.groups.iter().position(|g| g.key == k)).flatten()
    }

    /// The units matching what someone typed, best first.
    pub fn find(&self, text: &str) -> Matches {
        let (mut words, hint, _) = strip(folded_words(text));
        loop {
            let found = self.find_words(&words, hint);
            // "Xuân Đài, Sông Cầu, Phú Yên": the place first, then where it is. Without a
            // match, the last word goes, while a name is left.
            let left = words.len().saturating_sub(1);
            if !found.units.is_empty() || left == 0 || (left == 1 && words[0].len() < 4) {
                return found;
            }
            words.truncate(left);
        }
    }

    fn find_words(&self, words: &[String], hint: Hint) -> Matches {
        let typed = words.concat();
        if typed.is_empty() {
            return Matches::default();
        }
        let typed_initials = (typed.len() >= 3 && words.len() == 1).then_some(typed.as_str());
        let mut scores: Vec<u32> = self.areas.iter().map(|a| exact_score(a, &typed, typed_initials)).collect();
        // The name of a commune or ward from before 1 July 2025: the units it is part of now.
        for (old, unit) in &self.old_units {
            if *old == typed {
                scores[*unit] = scores[*unit].max(OLD_NAME);
            }
        }
        let mut former = None;
        let mut former_score = 0;
        for (g, group) in self.groups.iter().enumerate() {
            let score = if group.key == typed {
                50
            } else if typed_initials.is_some() && initials(&group.words).as_deref() == typed_initials {
                45
            } else {
                0
            };
            if score > former_score {
                (former, former_score) = (Some(g), score);
            }
        }
        // Typos only when nothing matched as typed: "tuy hoa" must not bring "Tây Hòa".
        let tolerance = tolerance(typed.chars().count());
        if tolerance > 0 && former.is_none() && scores.iter().all(|s| *s == 0) {
            for (score, a) in scores.iter_mut().zip(&self.areas) {
                if distance(&a.key, &typed, tolerance) <= tolerance {
                    *score = 40;
                }
            }
            if let Some(g) = self.groups.iter().position(|g| distance(&g.key, &typed, tolerance) <= tolerance) {
                (former, former_score) = (Some(g), 30);
            }
        }
        // "xã …" or "phường …": a unit of another kind comes after those of the kind asked,
        // and a unit asked for by its kind is not widened to its former district.
        if let Hint::Unit(kind) = hint {
            for (score, a) in scores.iter_mut().zip(&self.areas) {
                if *score > 30 && kind != UnitKind::Unknown && a.kind != UnitKind::Unknown && a.kind != kind {
                    *score -= 30;
                }
            }
            if scores.iter().any(|s| *s >= 70) {
                former = None;
            }
        }
        if let Some(g) = former {
            for &m in &self.groups[g].members {
                scores[m] = scores[m].max(former_score);
            }
        }
        let mut units: Vec<usize> = (0..self.areas.len()).filter(|&i| scores[i] > 0).collect();
        units.sort_by_key(|&i| (std::cmp::Reverse(scores[i]), i));
        let by_old_name = units.first().is_some_and(|&i| scores[i] == OLD_NAME);
        Matches { units, former, by_old_name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list the bot uses by default (with what each unit was formed from).
    fn shipped() -> AreaList {
        let list = AreaList::shipped();
        assert_eq!(list.len(), 102, "the shipped list parses");
        list
    }

    fn names(list: &AreaList, m: &Matches) -> Vec<String> {
        m.units.iter().map(|&i| list.areas()[i].name.clone()).collect()
    }

    fn first(list: &AreaList, text: &str) -> String {
        names(list, &list.find(text)).into_iter().next().unwrap_or_else(|| panic!("{text:?} matched nothing"))
    }

    #[test]
    fn the_shipped_list_has_the_102_units_of_dak_lak_in_24_former_districts() {
        let list = AreaList::from_csv(SHIPPED_CSV).expect("the shipped list parses");
        assert_eq!(list.len(), 102);
        assert_eq!(list.areas().iter().filter(|a| a.kind == UnitKind::Commune).count(), 88);
        assert_eq!(list.areas().iter().filter(|a| a.kind == UnitKind::Ward).count(), 14);
        assert_eq!(list.groups().len(), 15 + 9);
        assert!(list.areas().iter().all(|a| a.group.is_some()));
        let shipped = AreaList::shipped();
        assert_eq!((shipped.areas(), shipped.groups()), (list.areas(), list.groups()));
        let ea_kar = list.group(list.former("Ea Kar").expect("Ea Kar")).expect("group");
        assert_eq!((ea_kar.full_name.as_str(), ea_kar.name.as_str()), ("Huyện Ea Kar", "Ea Kar"));
        assert_eq!(ea_kar.kind, FormerKind::District);
        let members: Vec<&str> = ea_kar.members().iter().map(|&i| list.areas()[i].name.as_str()).collect();
        assert_eq!(members, ["Ea Kar", "Ea Ô", "Ea Knốp", "Cư Yang", "Ea Păl"]);
        let bmt = list.group(list.former("Buôn Ma Thuột").expect("BMT")).expect("group");
        assert_eq!((bmt.name.as_str(), bmt.kind), ("Buôn Ma Thuột", FormerKind::City));
        let buon_ho = list.group(list.former("thị xã Buôn Hồ").expect("Buôn Hồ")).expect("group");
        assert_eq!(buon_ho.kind, FormerKind::Town);
    }

    #[test]
    fn names_typed_without_diacritics_find_the_unit() {
        let list = shipped();
        assert_eq!(first(&list, "xuan dai"), "Xuân Đài");
        assert_eq!(first(&list, "XUAN DAI"), "Xuân Đài");
        assert_eq!(first(&list, "Xuân Đài"), "Xuân Đài");
        assert_eq!(first(&list, "ea ktur"), "Ea Ktur");
        assert_eq!(first(&list, "cu mgar"), "Cư M'gar");
        assert_eq!(first(&list, "m'drak"), "M'Drắk");
        assert_eq!(first(&list, "phu hoa 2"), "Phú Hòa 2");
        assert_eq!(first(&list, "tuy hoà"), "Tuy Hòa", "old tone placement");
        assert_eq!(names(&list, &list.find("xuan da")), ["Xuân Đài"], "a name being typed");
        assert_eq!(first(&list, "xuan dia"), "Xuân Đài", "one typo");
        assert_eq!(first(&list, "loan"), "Ô Loan", "the last word of a name");
    }

    #[test]
    fn prefixes_are_understood() {
        let list = shipped();
        assert_eq!(names(&list, &list.find("phường Tân An")), ["Tân An"]);
        assert_eq!(names(&list, &list.find("p. tan an")), ["Tân An"]);
        assert_eq!(names(&list, &list.find("xa Ea Kar")), ["Ea Kar"], "the commune, not its former district");
        assert_eq!(names(&list, &list.find("xã Ea Kar, tỉnh Đắk Lắk")), ["Ea Kar"]);
        let tuy_hoa = list.find("tp Tuy Hoa");
        assert_eq!(names(&list, &tuy_hoa), ["Tuy Hòa", "Phú Yên", "Bình Kiến"], "the ward first, then the old city");
        assert_eq!(tuy_hoa.former, list.former("Thành phố Tuy Hòa"));
    }

    #[test]
    fn a_former_district_lists_the_units_that_were_in_it() {
        let list = shipped();
        let ea_kar = list.find("Ea Kar");
        assert_eq!(names(&list, &ea_kar), ["Ea Kar", "Ea Ô", "Ea Knốp", "Cư Yang", "Ea Păl"]);
        assert_eq!(ea_kar.former, list.former("Huyện Ea Kar"));
        assert_eq!(list.find("huyện Ea Kar").units, ea_kar.units);
        assert_eq!(list.find("huyen ea kar").units, ea_kar.units);
        let pac = names(&list, &list.find("Krông Pắc"));
        assert_eq!(pac, ["Krông Pắc", "Ea Knuếc", "Tân Tiến", "Ea Phê", "Ea Kly", "Vụ Bổn"]);
        assert_eq!(names(&list, &list.find("krong pac")), pac);
        let song_cau = names(&list, &list.find("song cau"));
        assert_eq!(song_cau, ["Sông Cầu", "Xuân Thọ", "Xuân Cảnh", "Xuân Lộc", "Xuân Đài"]);
        assert_eq!(names(&list, &list.find("tx Song Cau")), song_cau);
        let krong_ana = names(&list, &list.find("krong a na"));
        assert_eq!(krong_ana, ["Krông Ana", "Dur Kmăl", "Ea Na"], "GSO's spelling of the old district");
        let bmt = list.find("bmt");
        assert_eq!(bmt.former, list.former("Buôn Ma Thuột"));
        assert_eq!(names(&list, &bmt)[0], "Buôn Ma Thuột");
        assert_eq!(bmt.units.len(), 6);
    }

    #[test]
    fn old_district_names_as_profiles_hold_them_resolve_to_their_former_district() {
        let list = shipped();
        let old = [
            "Buôn Ma Thuột",
            "Buôn Hồ",
            "Buôn Đôn",
            "Cư Kuin",
            "Cư M'gar",
            "Ea H'leo",
            "Ea Kar",
            "Ea Súp",
            "Krông Ana",
            "Krông Bông",
            "Krông Búk",
            "Krông Năng",
            "Krông Pắc",
            "Lắk",
            "M'Đrắk",
        ];
        for name in old {
            let g = list.former(name).unwrap_or_else(|| panic!("{name} has no former district"));
            assert_eq!(key(&list.groups()[g].name), key(name));
        }
        assert_eq!(list.former("Hà Nội"), None);
        assert_eq!(list.former(""), None);
    }

    #[test]
    fn a_commune_or_ward_from_before_2025_finds_the_unit_it_is_part_of_now() {
        let list = AreaList::shipped();
        assert_eq!(names(&list, &list.find("hoa khanh")), ["Hòa Phú"]);
        assert!(list.find("hoa khanh").by_old_name);
        assert!(!list.find("hoa phu").by_old_name, "a current name");
        assert_eq!(names(&list, &list.find("phường Tự An")), ["Buôn Ma Thuột"]);
        assert_eq!(first(&list, "thị trấn Ea Kar"), "Ea Kar");
        // Split between units, or the same old name in two former provinces: each of them.
        assert_eq!(names(&list, &list.find("hoa an")), ["Krông Pắc", "Tuy Hòa", "Phú Hòa 1"]);
        // A current name comes before the units an old unit of that name joined.
        assert_eq!(names(&list, &list.find("tan lap")), ["Tân Lập", "Pơng Drang"]);
        assert_eq!(list.find("hoa khanh").former, None);
        let plain = AreaList::from_csv(SHIPPED_CSV).expect("parses");
        assert!(plain.find("hoa khanh").units.is_empty(), "only the shipped list knows what each unit was formed from");
        let with_column =
            AreaList::from_csv("name,old_units\nHòa Phú,Xã Hòa Khánh [Thành phố Buôn Ma Thuột]; Xã Hòa Xuân\n")
                .expect("valid");
        assert_eq!(with_column.find("hoa xuan").units, vec![0]);
    }

    #[test]
    fn a_place_followed_by_where_it_is_finds_the_place() {
        let list = shipped();
        assert_eq!(first(&list, "Xuân Đài, Sông Cầu, Phú Yên"), "Xuân Đài");
        assert_eq!(first(&list, "phuong tan an tp buon ma thuot"), "Tân An");
        assert_eq!(names(&list, &list.find("xa ea kar huyen ea kar")), ["Ea Kar"]);
    }

    #[test]
    fn nothing_matches_text_that_is_no_place() {
        let list = shipped();
        assert_eq!(list.find("sản xuất sạch hơn"), Matches::default());
        assert_eq!(list.find("Hà Nội"), Matches::default());
        assert_eq!(list.find("  ?! "), Matches::default());
        assert_eq!(list.find("xã"), Matches::default(), "a prefix alone");
    }

    #[test]
    fn short_text_matches_many_and_the_best_come_first() {
        let list = shipped();
        let xuan = names(&list, &list.find("xuan"));
        assert!(xuan[..6].iter().all(|n| n.starts_with("Xuân")), "{xuan:?}");
        assert_eq!(xuan[6..], ["Phú Xuân", "Hòa Xuân", "Đồng Xuân"][..], "then names with a later Xuân");
        assert!(list.find("ea").units.len() > MAX_MATCHES);
    }

    #[test]
    fn a_list_of_names_and_a_csv_of_another_province_are_read() {
        let list = AreaList::from_names(" Ea Kar , Krông Pắc").expect("valid");
        assert_eq!(list.areas().iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Ea Kar", "Krông Pắc"]);
        assert!(list.groups().is_empty());
        assert_eq!(list.areas()[0].kind, UnitKind::Unknown);
        assert_eq!(names(&list, &list.find("krong pac")), ["Krông Pắc"]);
        assert_eq!(AreaList::from_names("Ea Kar,,Lắk"), Err(AreaError::BadName { line: 2 }));
        assert_eq!(AreaList::from_names("Ea Kar,Ea Kar"), Err(AreaError::Duplicate("Ea Kar".into())));

        let csv =
            "\u{feff}name,type,former_district\nPhú Quốc,đặc khu,Thành phố Phú Quốc\n\"Dương Đông, mới\",phường,\n";
        let list = AreaList::from_csv(csv).expect("valid");
        assert_eq!(list.areas()[0].kind, UnitKind::SpecialZone);
        assert_eq!(list.areas()[1].name, "Dương Đông, mới");
        assert_eq!(list.areas()[1].group, None);
        assert_eq!(list.groups()[0].kind, FormerKind::City);
        assert_eq!(AreaList::from_csv("type\nxã\n"), Err(AreaError::NoNameColumn));
        assert_eq!(AreaList::from_csv("name\n"), Err(AreaError::Empty));
        assert!(matches!(AreaList::from_csv("name,type\nA,xã,extra\n"), Err(AreaError::Csv { line: 2, .. })));
    }

    #[test]
    fn keys_fold_kind_and_spelling() {
        assert_eq!(key("Huyện Krông A Na"), "krongana");
        assert_eq!(key("Krông Ana"), "krongana");
        assert_eq!(key("Huyện M'Đrắk"), "mdrak");
        assert_eq!(key("thành phố Buôn Ma Thuột"), "buonmathuot");
        assert_eq!(distance("xuandai", "xuandia", 2), 1, "two letters swapped");
        assert_eq!(distance("xuandai", "xuanlai", 2), 1);
        assert_eq!(distance("eakar", "krongpac", 2), 3, "capped at the limit and one");
        assert_eq!(distance("eakar", "eakar", 1), 0);
    }
}
