//! The domain's vocabulary: abbreviations people type on phones, and concepts that several
//! phrasings (Vietnamese and English) name. Everything here is folded (no diacritics).
//!
//! Abbreviations expand into words before indexing and search; a concept adds one extra term
//! wherever any of its phrases occurs, so "tiền điện", "hóa đơn điện" and "electricity bill"
//! meet on the same term.

/// Abbreviation → its words.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("sxsh", "san xuat sach hon"),
    ("sxtdbv", "san xuat va tieu dung ben vung"),
    ("dn", "doanh nghiep"),
    ("dnnvv", "doanh nghiep nho va vua"),
    ("tknl", "tiet kiem nang luong"),
    ("sdnl", "su dung nang luong"),
    ("ko", "khong"),
    ("k", "khong"),
    ("kh", "khong"),
    ("khg", "khong"),
    ("hok", "khong"),
    ("hong", "khong"),
    ("dc", "duoc"),
    ("j", "gi"),
    ("ji", "gi"),
    ("bn", "bao nhieu"),
    ("vs", "voi"),
    ("cty", "cong ty"),
    ("ct", "cong ty"),
    ("tt", "trung tam"),
    ("kc", "khuyen cong"),
    ("kcn", "khu cong nghiep"),
    ("ccn", "cum cong nghiep"),
    ("bvmt", "bao ve moi truong"),
    ("mt", "moi truong"),
    ("xlnt", "xu ly nuoc thai"),
    ("ctr", "chat thai ran"),
    ("vlxd", "vat lieu xay dung"),
    ("dk", "dang ky"),
    ("dki", "dang ky"),
    ("sp", "san pham"),
    ("nl", "nguyen lieu"),
    ("tg", "thoi gian"),
    ("cn", "cong nghe"),
    ("qd", "quyet dinh"),
    ("nd", "nghi dinh"),
    ("cp", "cleaner production"),
    ("hcm", "ho chi minh"),
    ("bmt", "buon ma thuot"),
];

/// Concept → phrases that name it. A phrase is one or more folded words.
pub const CONCEPTS: &[(&str, &[&str])] = &[
    ("sxsh", &["san xuat sach hon", "san xuat sach", "cleaner production", "sach hon"]),
    ("dien", &["dien", "dien nang", "tien dien", "hoa don dien", "electricity", "electric", "power"]),
    ("nangluong", &["nang luong", "energy", "nhien lieu", "fuel"]),
    ("tietkiem", &["tiet kiem", "giam", "cat giam", "saving", "save", "reduce", "cut", "lower"]),
    ("chiphi", &["chi phi", "gia thanh", "tien", "cost", "costs", "money", "expense"]),
    ("nuoc", &["nuoc", "water"]),
    ("nuocthai", &["nuoc thai", "wastewater", "waste water", "effluent"]),
    ("chatthai", &["chat thai", "rac", "phe thai", "phe lieu", "waste", "rubbish", "garbage"]),
    ("loihoi", &["lo hoi", "noi hoi", "boiler", "hoi nuoc", "steam"]),
    (
        "khoahoc",
        &[
            "khoa hoc",
            "khoa tap huan",
            "tap huan",
            "lop hoc",
            "lop",
            "dao tao",
            "course",
            "courses",
            "training",
            "class",
        ],
    ),
    ("dangky", &["dang ky", "ghi danh", "dang ki", "register", "registration", "sign up", "enrol", "enroll"]),
    ("huy", &["huy", "bo dang ky", "cancel", "withdraw"]),
    ("loiich", &["loi ich", "tac dung", "hieu qua", "benefit", "benefits", "advantage", "advantages"]),
    ("chinhsach", &["chinh sach", "quyet dinh", "nghi dinh", "luat", "policy", "decision", "decree", "law"]),
    ("hotro", &["ho tro", "tai tro", "kinh phi", "von", "support", "funding", "subsidy", "fund"]),
    ("caphe", &["ca phe", "cafe", "coffee"]),
    ("san", &["tinh bot san", "khoai mi", "cu mi", "bot mi", "cassava", "tapioca"]),
    ("caosu", &["cao su", "mu cao su", "rubber", "latex"]),
    ("go", &["go", "do go", "che bien go", "wood", "timber", "furniture"]),
    ("gach", &["gach", "lo gach", "nung gach", "brick", "bricks", "kiln"]),
    ("vlxd", &["vat lieu xay dung", "xi mang", "construction materials", "cement"]),
    ("thucpham", &["thuc pham", "do an", "food", "beverage"]),
    ("danhgia", &["danh gia", "kiem toan", "assessment", "audit"]),
    ("noivi", &["quan ly noi vi", "noi vi", "housekeeping", "don dep", "5s"]),
    ("congnghe", &["cong nghe", "technology"]),
    ("thietbi", &["thiet bi", "may moc", "equipment", "machine", "machinery"]),
    ("nguyenlieu", &["nguyen lieu", "nguyen vat lieu", "vat tu", "raw material", "raw materials", "input", "material"]),
    ("taisudung", &["tai su dung", "tai che", "tuan hoan", "reuse", "recycle", "recycling"]),
    ("sanphamphu", &["san pham phu", "phu pham", "by product", "byproduct", "by products"]),
    ("chungnhan", &["chung nhan", "chung chi", "giay chung nhan", "certificate", "certification"]),
    ("dulieu", &["du lieu ca nhan", "thong tin ca nhan", "bao mat", "quyen rieng tu", "personal data", "privacy"]),
    ("xoa", &["xoa", "xoa du lieu", "delete", "erase", "remove"]),
    ("thongbao", &["thong bao", "tin moi", "ban tin", "announcement", "announcements", "news", "subscribe"]),
    ("ngonngu", &["ngon ngu", "tieng anh", "tieng viet", "language", "english"]),
    ("moitruong", &["moi truong", "o nhiem", "environment", "pollution"]),
    ("khi", &["khi nen", "may nen khi", "compressed air", "compressor"]),
    ("chieusang", &["chieu sang", "den", "bong den", "lighting", "light", "lamp"]),
    ("dongco", &["dong co", "motor", "motors", "bien tan", "inverter"]),
    ("buoc", &["buoc", "quy trinh", "phuong phap", "step", "steps", "method", "procedure"]),
    ("nhom", &["nhom", "doi", "ban", "team", "group"]),
    ("khuyencong", &["khuyen cong", "industrial promotion"]),
];

/// Words that carry little meaning in a question; they still count, at a small weight.
pub const STOPWORDS: &[&str] = &[
    // Vietnamese (folded)
    "la", "gi", "cua", "va", "cho", "toi", "em", "anh", "chi", "oi", "a", "nhe", "khong", "co", "the", "nao", "lam",
    "sao", "nhu", "duoc", "thi", "ma", "o", "voi", "cac", "nhung", "mot", "ve", "hay", "hoac", "can", "muon", "hoi",
    "xin", "chao", "ban", "minh", "chung", "ta", "nay", "do", "day", "kia", "nhieu", "it", "rat", "qua", "da", "dang",
    "se", "bi", "boi", "tai", "vi", "neu", "khi", "thay", "trong", "ngoai", "tren", "duoi", "den", "tu", "ra", "vao",
    "len", "xuong", "con", "cung", "van", "roi", "nua", "moi", "ai", "dau", "bao", "gio", "phai", "nen", "de", "biet",
    "giup", "vui", "long", "cam", "on", "ah", "uh", "vay", "u", "nhi", "ha", "ne", "nha", "thua", "kinh", "gui",
    // English
    "what", "is", "are", "the", "a", "an", "how", "do", "does", "i", "we", "my", "our", "to", "of", "for", "in", "on",
    "can", "be", "it", "this", "that", "and", "or", "with", "about", "you", "your", "please", "me", "there", "any",
    "which", "who", "when", "where", "why", "should", "would", "could", "get", "have", "has",
    // Greetings, thanks and chat fillers
    "hello", "hi", "hey", "thanks", "thank", "ok", "okay", "alo", "vang", "da", "ad", "admin", "shop", "oke",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::faq::normalize::fold;

    #[test]
    fn every_entry_is_folded_lower_case() {
        let all = ABBREVIATIONS
            .iter()
            .flat_map(|(a, b)| [*a, *b])
            .chain(CONCEPTS.iter().flat_map(|(c, ps)| std::iter::once(*c).chain(ps.iter().copied())))
            .chain(STOPWORDS.iter().copied());
        for s in all {
            assert_eq!(fold(&s.to_lowercase()), s, "{s} must be folded and lower-case");
        }
    }
}
