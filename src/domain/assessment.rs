//! The SXSH self-assessment: its five areas, the sectors with questions of their own, a
//! question as the centre writes it (one CSV row, validated here), the answers a person gives,
//! the 0–100 scores per area and overall, and the actions worth doing first.
//!
//! Scoring: every answer is worth 0–100 points (Có 100, Một phần 50, Chưa and Không rõ 0, or
//! the points the centre gives each option of a multiple-choice question); an area's score is
//! the weighted mean of its answered questions, the overall score the weighted mean of all.
//! A better answer can only raise a score (see the property test). Pure: no I/O.

use serde::{Deserialize, Serialize};

use super::faq::FaqId;

/// The five areas, in the order they are asked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    Housekeeping,
    Energy,
    Water,
    Materials,
    People,
}

impl Area {
    pub const ALL: [Area; 5] = [Area::Housekeeping, Area::Energy, Area::Water, Area::Materials, Area::People];

    /// The code in the CSV file and the Fluent selector of its name.
    pub fn code(&self) -> &'static str {
        match self {
            Area::Housekeeping => "housekeeping",
            Area::Energy => "energy",
            Area::Water => "water",
            Area::Materials => "materials",
            Area::People => "people",
        }
    }

    pub fn from_code(code: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn index(&self) -> usize {
        Area::ALL.iter().position(|a| a == self).unwrap_or(0)
    }
}

/// The main sectors of the province with questions of their own; `Other` gets the common ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sector {
    Coffee,
    Cassava,
    Rubber,
    Wood,
    Bricks,
    Food,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 7] =
        [Sector::Coffee, Sector::Cassava, Sector::Rubber, Sector::Wood, Sector::Bricks, Sector::Food, Sector::Other];

    /// The code in the CSV file, in the database and the Fluent selector of its name.
    pub fn code(&self) -> &'static str {
        match self {
            Sector::Coffee => "coffee",
            Sector::Cassava => "cassava",
            Sector::Rubber => "rubber",
            Sector::Wood => "wood",
            Sector::Bricks => "bricks",
            Sector::Food => "food",
            Sector::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The sector a subscriber's profile names, when it is one of these without doubt
    /// (agro-forestry could be coffee, cassava, rubber or wood: that one is asked).
    pub fn from_profile(sector: super::broadcast::Sector) -> Option<Sector> {
        use super::broadcast::Sector as Profile;
        match sector {
            Profile::ConstructionMaterials => Some(Sector::Bricks),
            Profile::FoodBeverages => Some(Sector::Food),
            _ => None,
        }
    }
}

/// Longest question id (ids travel in stored dialogue state, not in buttons).
pub const MAX_ID: usize = 40;
/// Longest question text, action or reason.
pub const MAX_TEXT: usize = 300;
/// Longest option label (it is a button).
pub const MAX_LABEL: usize = 40;
/// A multiple-choice question offers 2 to this many options.
pub const MAX_OPTIONS: usize = 5;
/// Points of the standard answers Có / Một phần / Chưa / Không rõ.
pub const STANDARD_POINTS: [u8; 4] = [100, 50, 0, 0];
/// The standard answer "Không rõ": worth nothing, and not turned into an action.
pub const UNKNOWN: u8 = 3;

/// One option of a multiple-choice question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label_vi: String,
    pub label_en: String,
    pub points: u8,
}

/// A question as the centre wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub area: Area,
    /// `None`: asked of every sector.
    pub sector: Option<Sector>,
    /// How much the question counts in its area's score (1–5).
    pub weight: u8,
    /// The typical benefit of acting on it (1–5), which orders the actions.
    pub benefit: u8,
    pub text_vi: String,
    pub text_en: String,
    /// Empty: the standard answers.
    pub choices: Vec<Choice>,
    pub action_vi: String,
    pub reason_vi: String,
    pub action_en: String,
    pub reason_en: String,
    /// The FAQ entry that explains the action.
    pub faq_id: Option<FaqId>,
}

/// One CSV row, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawQuestion<'a> {
    pub id: &'a str,
    pub area: &'a str,
    pub sector: &'a str,
    pub weight: &'a str,
    pub benefit: &'a str,
    pub question_vi: &'a str,
    pub question_en: &'a str,
    pub options_vi: &'a str,
    pub options_en: &'a str,
    pub action_vi: &'a str,
    pub reason_vi: &'a str,
    pub action_en: &'a str,
    pub reason_en: &'a str,
    pub faq_id: &'a str,
}

/// Why a row is not a question; the message is for the centre's editor (English, like the
/// FAQ import's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    #[error("id must be 1 to {MAX_ID} characters of a-z, 0-9 and '-'")]
    BadId,
    #[error("area {0:?} is not one of housekeeping, energy, water, materials, people")]
    BadArea(String),
    #[error("sector {0:?} is not one of coffee, cassava, rubber, wood, bricks, food, other (or empty)")]
    BadSector(String),
    #[error("{field} must be a whole number from 1 to 5")]
    BadNumber { field: &'static str },
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field}: {detail}")]
    BadOptions { field: &'static str, detail: String },
    #[error("faq_id {0:?} is not a valid FAQ id")]
    BadFaqId(String),
}

fn text(field: &'static str, raw: &str, required: bool, max: usize) -> Result<String, QuestionError> {
    let t = raw.trim();
    if t.is_empty() && required {
        return Err(QuestionError::Empty { field });
    }
    if t.chars().count() > max {
        return Err(QuestionError::TooLong { field, max });
    }
    Ok(t.to_owned())
}

fn one_to_five(field: &'static str, raw: &str) -> Result<u8, QuestionError> {
    match raw.trim().parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(QuestionError::BadNumber { field }),
    }
}

/// `Label=points|Label=points|…`, points 0–100.
fn options(field: &'static str, raw: &str) -> Result<Vec<(String, u8)>, QuestionError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let bad = |detail: String| QuestionError::BadOptions { field, detail };
    let mut out = Vec::new();
    for part in raw.split('|') {
        let (label, points) = part.rsplit_once('=').ok_or_else(|| bad(format!("{part:?} has no \"=points\"")))?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > MAX_LABEL {
            return Err(bad(format!("a label must be 1 to {MAX_LABEL} characters")));
        }
        let points = match points.trim().parse::<u8>() {
            Ok(p) if p <= 100 => p,
            _ => return Err(bad(format!("{:?} is not points from 0 to 100", points.trim()))),
        };
        out.push((label.to_owned(), points));
    }
    if !(2..=MAX_OPTIONS).contains(&out.len()) {
        return Err(bad(format!("write 2 to {MAX_OPTIONS} options separated by '|'")));
    }
    Ok(out)
}

impl Question {
    pub fn parse(raw: &RawQuestion<'_>) -> Result<Question, QuestionError> {
        let id = raw.id.trim();
        let id_ok = !id.is_empty()
            && id.len() <= MAX_ID
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(QuestionError::BadId);
        }
        let area =
            Area::from_code(raw.area.trim()).ok_or_else(|| QuestionError::BadArea(raw.area.trim().to_owned()))?;
        let sector = match raw.sector.trim() {
            "" => None,
            s => Some(Sector::from_code(s).ok_or_else(|| QuestionError::BadSector(s.to_owned()))?),
        };
        let vi = options("options_vi", raw.options_vi)?;
        let en = options("options_en", raw.options_en)?;
        let choices = if en.is_empty() {
            vi.into_iter().map(|(label, points)| Choice { label_en: label.clone(), label_vi: label, points }).collect()
        } else {
            if en.len() != vi.len() {
                return Err(QuestionError::BadOptions {
                    field: "options_en",
                    detail: "must have as many options as options_vi".into(),
                });
            }
            if en.iter().zip(&vi).any(|(e, v)| e.1 != v.1) {
                return Err(QuestionError::BadOptions {
                    field: "options_en",
                    detail: "must give the same points as options_vi".into(),
                });
            }
            vi.into_iter().zip(en).map(|((lv, p), (le, _))| Choice { label_vi: lv, label_en: le, points: p }).collect()
        };
        let faq_id = match raw.faq_id.trim() {
            "" => None,
            f => Some(FaqId::parse(f).map_err(|_| QuestionError::BadFaqId(f.to_owned()))?),
        };
        Ok(Question {
            id: id.to_owned(),
            area,
            sector,
            weight: one_to_five("weight", raw.weight)?,
            benefit: one_to_five("benefit", raw.benefit)?,
            text_vi: text("question_vi", raw.question_vi, true, MAX_TEXT)?,
            text_en: text("question_en", raw.question_en, false, MAX_TEXT)?,
            choices,
            action_vi: text("action_vi", raw.action_vi, true, MAX_TEXT)?,
            reason_vi: text("reason_vi", raw.reason_vi, true, MAX_TEXT)?,
            action_en: text("action_en", raw.action_en, false, MAX_TEXT)?,
            reason_en: text("reason_en", raw.reason_en, false, MAX_TEXT)?,
            faq_id,
        })
    }

    /// The `options_vi` / `options_en` cells again, for export.
    pub fn options_cells(&self) -> (String, String) {
        let join = |f: fn(&Choice) -> &str| {
            self.choices.iter().map(|c| format!("{}={}", f(c), c.points)).collect::<Vec<_>>().join("|")
        };
        (join(|c| &c.label_vi), join(|c| &c.label_en))
    }

    /// How many answers the question offers.
    pub fn option_count(&self) -> usize {
        if self.choices.is_empty() {
            STANDARD_POINTS.len()
        } else {
            self.choices.len()
        }
    }

    /// The points of answer `choice`, if it is one of the question's.
    pub fn points(&self, choice: u8) -> Option<u8> {
        if self.choices.is_empty() {
            STANDARD_POINTS.get(usize::from(choice)).copied()
        } else {
            self.choices.get(usize::from(choice)).map(|c| c.points)
        }
    }

    /// Whether the question is asked of a plant in `sector`.
    pub fn applies_to(&self, sector: Sector) -> bool {
        self.sector.is_none_or(|s| s == sector)
    }

    /// The question, action and reason in English when given, else in Vietnamese.
    pub fn text(&self, english: bool) -> &str {
        if english && !self.text_en.is_empty() {
            &self.text_en
        } else {
            &self.text_vi
        }
    }

    pub fn action(&self, english: bool) -> (&str, &str) {
        if english && !self.action_en.is_empty() && !self.reason_en.is_empty() {
            (&self.action_en, &self.reason_en)
        } else {
            (&self.action_vi, &self.reason_vi)
        }
    }
}

/// The questions a plant in `sector` is asked, area by area, in the file's order within each.
pub fn plan(questions: &[Question], sector: Sector) -> Vec<&Question> {
    let mut out: Vec<&Question> = questions.iter().filter(|q| q.applies_to(sector)).collect();
    out.sort_by_key(|q| q.area.index());
    out
}

/// One answer: the question's id and the index of the option chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub choice: u8,
}

/// Scores 0–100: per area (`None` when the area had no question) and overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scores {
    pub areas: [Option<u8>; 5],
    pub overall: u8,
}

impl Scores {
    pub fn area(&self, area: Area) -> Option<u8> {
        self.areas[area.index()]
    }

    /// The change of each area since `before` (areas scored both times).
    pub fn change_since(&self, before: &Scores) -> [Option<i16>; 5] {
        let mut out = [None; 5];
        for (i, slot) in out.iter_mut().enumerate() {
            if let (Some(now), Some(then)) = (self.areas[i], before.areas[i]) {
                *slot = Some(i16::from(now) - i16::from(then));
            }
        }
        out
    }
}

/// Weighted mean of points, rounded to the nearest whole point.
fn mean(sum: u32, weights: u32) -> Option<u8> {
    (sum + weights / 2).checked_div(weights).and_then(|v| u8::try_from(v).ok())
}

/// The answered questions with their points (answers to unknown questions or out-of-range
/// choices are left out).
fn answered<'a>(questions: &'a [Question], answers: &[Answer]) -> Vec<(&'a Question, u8, u8)> {
    answers
        .iter()
        .filter_map(|a| {
            let q = questions.iter().find(|q| q.id == a.question)?;
            Some((q, a.choice, q.points(a.choice)?))
        })
        .collect()
}

/// The scores of a set of answers.
pub fn score(questions: &[Question], answers: &[Answer]) -> Scores {
    let mut sums = [(0u32, 0u32); 5];
    for (q, _, points) in answered(questions, answers) {
        let slot = &mut sums[q.area.index()];
        slot.0 += u32::from(q.weight) * u32::from(points);
        slot.1 += u32::from(q.weight);
    }
    let mut areas = [None; 5];
    for (i, (sum, w)) in sums.iter().enumerate() {
        areas[i] = mean(*sum, *w);
    }
    let (sum, w) = sums.iter().fold((0, 0), |acc, s| (acc.0 + s.0, acc.1 + s.1));
    Scores { areas, overall: mean(sum, w).unwrap_or(0) }
}

/// At most this many actions are proposed.
pub const MAX_ACTIONS: usize = 5;

/// The actions worth doing first: questions answered "Chưa" or "Một phần" (or a partial
/// option), by weight × typical benefit × points missing, then in the order asked.
pub fn top_actions<'a>(questions: &'a [Question], answers: &[Answer]) -> Vec<&'a Question> {
    let mut candidates: Vec<(u32, usize, &Question)> = answered(questions, answers)
        .into_iter()
        .enumerate()
        .filter(|(_, (q, choice, points))| *points < 100 && !(q.choices.is_empty() && *choice == UNKNOWN))
        .map(|(i, (q, _, points))| (u32::from(q.weight) * u32::from(q.benefit) * u32::from(100 - points), i, q))
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    candidates.into_iter().take(MAX_ACTIONS).map(|(_, _, q)| q).collect()
}

/// The questions answered with fewer than full points, for the centre's "common gaps".
pub fn gaps<'a>(questions: &'a [Question], answers: &[Answer]) -> Vec<&'a Question> {
    answered(questions, answers).into_iter().filter(|(_, _, p)| *p < 100).map(|(q, _, _)| q).collect()
}

/// Longest "what do you need" text of a consultation request.
pub const MAX_NEED: usize = 500;

/// A finished assessment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub id: i64,
    /// `None` once its person erased their data.
    pub user_id: Option<i64>,
    pub sector: Sector,
    /// The commune (or former district) of the person's profile when they finished.
    pub area: Option<String>,
    pub scores: Scores,
    pub answers: Vec<Answer>,
    /// Unix seconds.
    pub created_at: i64,
}

/// A consultation request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: i64,
    pub user_id: i64,
    pub assessment_id: Option<i64>,
    pub enterprise: String,
    pub phone: String,
    pub need: String,
    pub handled: bool,
    pub created_at: i64,
    pub handled_at: Option<i64>,
}

/// A self-assessment in a person's copy of their data (`/mydata`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TakenData {
    pub taken_at: String,
    pub sector: String,
    pub commune: Option<String>,
    pub overall: u8,
    /// Area code → score (areas not asked are left out).
    pub areas: std::collections::BTreeMap<String, u8>,
    pub answers: Vec<Answer>,
}

impl TakenData {
    pub fn of(t: &Taken, timestamp: impl Fn(i64) -> String) -> TakenData {
        TakenData {
            taken_at: timestamp(t.created_at),
            sector: t.sector.code().to_owned(),
            commune: t.area.clone(),
            overall: t.scores.overall,
            areas: Area::ALL.iter().filter_map(|a| Some((a.code().to_owned(), t.scores.area(*a)?))).collect(),
            answers: t.answers.clone(),
        }
    }
}

/// A consultation request in a person's copy of their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestData {
    pub number: i64,
    pub enterprise: String,
    pub phone: String,
    pub need: String,
    /// `open` or `handled`.
    pub status: String,
    pub sent_at: String,
    pub handled_at: Option<String>,
}

impl RequestData {
    pub fn of(r: &Request, timestamp: impl Fn(i64) -> String) -> RequestData {
        RequestData {
            number: r.id,
            enterprise: r.enterprise.clone(),
            phone: r.phone.clone(),
            need: r.need.clone(),
            status: if r.handled { "handled" } else { "open" }.to_owned(),
            sent_at: timestamp(r.created_at),
            handled_at: r.handled_at.map(&timestamp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(id: &str, area: Area, weight: u8, benefit: u8) -> Question {
        Question {
            id: id.into(),
            area,
            sector: None,
            weight,
            benefit,
            text_vi: "Câu hỏi?".into(),
            text_en: String::new(),
            choices: Vec::new(),
            action_vi: "Việc".into(),
            reason_vi: "Lý do".into(),
            action_en: String::new(),
            reason_en: String::new(),
            faq_id: None,
        }
    }

    fn a(id: &str, choice: u8) -> Answer {
        Answer { question: id.into(), choice }
    }

    fn raw<'a>() -> RawQuestion<'a> {
        RawQuestion {
            id: "ghi-so-dien",
            area: "energy",
            sector: "",
            weight: "3",
            benefit: "4",
            question_vi: "Cơ sở có ghi số điện hằng tháng không?",
            action_vi: "Ghi số điện",
            reason_vi: "Biết mình dùng bao nhiêu",
            faq_id: "tiet-kiem-dien",
            ..RawQuestion::default()
        }
    }

    #[test]
    fn a_good_row_parses_and_bad_cells_are_named() {
        let ok = Question::parse(&raw()).expect("valid");
        assert_eq!(ok.area, Area::Energy);
        assert_eq!(ok.option_count(), 4);
        assert_eq!(ok.points(0), Some(100));
        assert_eq!(ok.points(4), None);
        let cases: [(RawQuestion<'_>, &str); 6] = [
            (RawQuestion { id: "Bad Id", ..raw() }, "id"),
            (RawQuestion { area: "air", ..raw() }, "area"),
            (RawQuestion { sector: "steel", ..raw() }, "sector"),
            (RawQuestion { weight: "9", ..raw() }, "weight"),
            (RawQuestion { reason_vi: " ", ..raw() }, "reason_vi"),
            (RawQuestion { options_vi: "Có=100", ..raw() }, "options_vi"),
        ];
        for (row, field) in cases {
            let e = Question::parse(&row).expect_err(field).to_string();
            assert!(e.contains(field), "{e} should name {field}");
        }
    }

    #[test]
    fn options_carry_points_in_both_languages() {
        let row = RawQuestion {
            options_vi: "Hằng ngày=100|Hằng tháng=50|Không ghi=0",
            options_en: "Daily=100|Monthly=50|Not recorded=0",
            ..raw()
        };
        let q = Question::parse(&row).expect("valid");
        assert_eq!(q.option_count(), 3);
        assert_eq!(q.points(1), Some(50));
        assert_eq!(q.choices[2].label_en, "Not recorded");
        assert_eq!(q.options_cells().0, "Hằng ngày=100|Hằng tháng=50|Không ghi=0");
        let mismatch = RawQuestion { options_en: "Daily=100|Monthly=40|Not recorded=0", ..row };
        assert!(Question::parse(&mismatch).is_err());
    }

    #[test]
    fn scores_are_weighted_means_per_area_and_overall() {
        let qs = vec![q("a", Area::Energy, 3, 1), q("b", Area::Energy, 1, 1), q("c", Area::Water, 2, 1)];
        let s = score(&qs, &[a("a", 0), a("b", 2), a("c", 1)]);
        assert_eq!(s.area(Area::Energy), Some(75));
        assert_eq!(s.area(Area::Water), Some(50));
        assert_eq!(s.area(Area::People), None);
        assert_eq!(s.overall, 67); // (300 + 0 + 100) / 6
    }

    #[test]
    fn actions_come_from_no_and_partly_by_weight_and_benefit() {
        let qs = vec![
            q("low", Area::Energy, 1, 1),
            q("high", Area::Water, 3, 5),
            q("partly", Area::Water, 3, 5),
            q("done", Area::People, 5, 5),
            q("unknown", Area::People, 5, 5),
        ];
        let answers = [a("low", 2), a("high", 2), a("partly", 1), a("done", 0), a("unknown", UNKNOWN)];
        let ids: Vec<&str> = top_actions(&qs, &answers).iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["high", "partly", "low"]);
    }

    #[test]
    fn the_plan_goes_area_by_area_and_keeps_sector_questions_for_their_sector() {
        let mut coffee = q("coffee", Area::Water, 1, 1);
        coffee.sector = Some(Sector::Coffee);
        let qs = vec![q("w", Area::Water, 1, 1), coffee, q("h", Area::Housekeeping, 1, 1)];
        let ids = |s| plan(&qs, s).iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(Sector::Coffee), ["h", "w", "coffee"]);
        assert_eq!(ids(Sector::Wood), ["h", "w"]);
    }

    #[test]
    fn change_is_per_area_scored_both_times() {
        let before = Scores { areas: [Some(40), None, Some(80), Some(0), Some(10)], overall: 30 };
        let now = Scores { areas: [Some(60), Some(50), Some(70), Some(0), None], overall: 45 };
        assert_eq!(now.change_since(&before), [Some(20), None, Some(-10), Some(0), None]);
    }

    proptest! {
        /// Raising one answer's points (a better answer) never lowers any score.
        #[test]
        fn a_better_answer_never_lowers_a_score(
            spec in proptest::collection::vec((0usize..5, 1u8..=5, 0u8..4), 1..20),
            pick in any::<prop::sample::Index>(),
            better in 0u8..4,
        ) {
            let qs: Vec<Question> = spec
                .iter()
                .enumerate()
                .map(|(i, (area, w, _))| q(&format!("q{i}"), Area::ALL[*area], *w, 1))
                .collect();
            let answers: Vec<Answer> = spec.iter().enumerate().map(|(i, (_, _, c))| a(&format!("q{i}"), *c)).collect();
            let i = pick.index(answers.len());
            let now = qs[i].points(answers[i].choice).unwrap_or(0);
            prop_assume!(qs[i].points(better).unwrap_or(0) >= now);
            let mut improved = answers.clone();
            improved[i].choice = better;
            let (s0, s1) = (score(&qs, &answers), score(&qs, &improved));
            prop_assert!(s1.overall >= s0.overall);
            for k in 0..5 {
                prop_assert!(s1.areas[k] >= s0.areas[k]);
            }
        }
    }
}
