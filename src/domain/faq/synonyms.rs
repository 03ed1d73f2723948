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
    ("ntn", "nhu the nao"),
    ("nc", "nuoc"),
    ("tb", "thong bao"),
    ("bd", "bat dau"),
    ("kq", "ket qua"),
    ("cc", "chung chi"),
    ("tk", "tiet kiem"),
    ("e", "em"),
    ("dl", "dak lak"),
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
    (
        "tietkiem",
        &[
            "tiet kiem",
            "giam",
            "cat giam",
            "giam bot",
            "ha thap",
            "do ton",
            "bot ton",
            "saving",
            "save",
            "reduce",
            "cut",
            "lower",
            "decrease",
            "economical",
        ],
    ),
    (
        "chiphi",
        &[
            "chi phi",
            "gia thanh",
            "tien",
            "ton kem",
            "tien bac",
            "hoc phi",
            "mat phi",
            "thu phi",
            "cost",
            "costs",
            "money",
            "expense",
            "expensive",
            "spend",
            "spending",
            "fee",
            "fees",
            "price",
        ],
    ),
    ("nuoc", &["nuoc", "water"]),
    ("nuocthai", &["nuoc thai", "nuoc ban", "nuoc xa", "wastewater", "waste water", "effluent", "sewage"]),
    ("chatthai", &["chat thai", "rac", "do thai", "phe thai", "phe lieu", "waste", "rubbish", "garbage", "trash"]),
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
    (
        "huy",
        &[
            "huy",
            "bo dang ky",
            "ngung",
            "rut ten",
            "khong tham gia",
            "cancel",
            "withdraw",
            "stop",
            "unsubscribe",
            "drop out",
        ],
    ),
    (
        "loiich",
        &[
            "loi ich",
            "co loi",
            "duoc loi",
            "loi gi",
            "duoc gi",
            "tac dung",
            "hieu qua",
            "benefit",
            "benefits",
            "advantage",
            "advantages",
        ],
    ),
    ("batbuoc", &["bat buoc", "xu phat", "bi phat", "mandatory", "compulsory", "required", "obligatory"]),
    (
        "dinhnghia",
        &["dinh nghia", "khai niem", "nghia la", "y nghia", "giai thich", "mean", "meaning", "definition", "explain"],
    ),
    (
        "giaiphap",
        &["giai phap", "bien phap", "cach lam", "solution", "solutions", "option", "options", "measure", "measures"],
    ),
    ("canbo", &["can bo", "nguoi that", "nhan vien trung tam", "staff", "real person", "human"]),
    (
        "nguyhai",
        &[
            "chat thai nguy hai",
            "dau thai",
            "nhot thai",
            "dau nhot",
            "gie lau",
            "hazardous",
            "used oil",
            "engine oil",
            "rags",
        ],
    ),
    ("bui", &["bui", "khoi", "mui hoi", "dust", "smoke", "odour", "odor", "smell"]),
    ("say", &["say", "lo say", "may say", "dryer", "drying"]),
    ("lich", &["lich", "lich hoc", "khi nao", "bao gio", "when", "schedule"]),
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
    (
        "thongbao",
        &[
            "thong bao",
            "tin moi",
            "ban tin",
            "tin nhan",
            "announcement",
            "announcements",
            "news",
            "subscribe",
            "message",
            "messages",
            "notification",
            "notifications",
        ],
    ),
    ("ngonngu", &["ngon ngu", "tieng anh", "tieng viet", "language", "english"]),
    ("moitruong", &["moi truong", "o nhiem", "environment", "pollution"]),
    ("khi", &["khi nen", "may nen khi", "compressed air", "compressor"]),
    ("chieusang", &["chieu sang", "den", "bong den", "lighting", "light", "lamp"]),
    ("dongco", &["dong co", "motor", "motors", "bien tan", "inverter"]),
    ("buoc", &["buoc", "quy trinh", "phuong phap", "step", "steps", "method", "procedure"]),
    ("nhom", &["nhom", "doi", "ban", "team", "group"]),
    ("khuyencong", &["khuyen cong", "industrial promotion"]),
    (
        "batdau",
        &[
            "bat dau",
            "khoi dau",
            "khoi su",
            "buoc dau",
            "dau tien",
            "truoc tien",
            "start",
            "begin",
            "first step",
            "get started",
        ],
    ),
    (
        "langphi",
        &[
            "lang phi",
            "hao phi",
            "hao hut",
            "that thoat",
            "ton",
            "hao",
            "loss",
            "losses",
            "wasting",
            "wasted",
            "wasteful",
        ],
    ),
    ("dautu", &["dau tu", "bo von", "von dau tu", "investment", "invest", "capital"]),
    ("congnhan", &["cong nhan", "nguoi lao dong", "nhan vien", "worker", "workers", "employee", "employees"]),
    // General Vietnamese and English question vocabulary, not tied to one FAQ: the words
    // people use for a company, for dealing with a problem, for the cost of something.
    (
        "doanhnghiep",
        &[
            "doanh nghiep",
            "cong ty",
            "co so",
            "co so san xuat",
            "nha may",
            "xi nghiep",
            "xuong",
            "nha xuong",
            "enterprise",
            "company",
            "business",
            "factory",
            "plant",
            "firm",
            "workshop",
        ],
    ),
    ("hoadon", &["hoa don", "tien phai tra", "bill", "invoice"]),
    ("lapdat", &["lap dat", "trang bi", "install", "installation", "put in"]),
    ("thutuc", &["thu tuc", "ho so", "giay to", "paperwork", "documents"]),
    ("vay", &["vay", "vay von", "khoan vay", "tin dung", "loan", "loans", "credit", "borrow"]),
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
    "which", "who", "when", "where", "why", "should", "would", "could", "get", "have", "has", "am", "was", "were",
    "been", "being", "did", "doing", "done", "will", "shall", "may", "might", "must", "us", "they", "them", "their",
    "its", "he", "she", "him", "her", "these", "those", "here", "from", "at", "by", "as", "into", "onto", "out", "up",
    "so", "if", "then", "than", "also", "just", "still", "very", "too", "really", "actually", "some", "all", "each",
    "such", "only", "own", "same", "other", "more", "much", "many", "not", "no", "don", "t", "s", "ll", "ve", "re",
    "d", "m", "whom", "whose", "tell", "know", "like", "thing", "things", "one", "ones", "let", "make", "made",
    // Greetings, thanks and chat fillers
    "hello", "hi", "hey", "thanks", "thank", "ok", "okay", "alo", "vang", "da", "ad", "admin", "shop", "oke",
];

/// The Vietnamese stopwords as written, with their marks: typed with diacritics, "đèn" (lamp),
/// "khí" (gas), "dầu" (oil) and "đá" (stone) are content words although they fold like the
/// fillers "đến", "khi", "đâu" and "đã". Each folds to an entry of [`STOPWORDS`].
pub const MARKED_STOPWORDS: &[&str] = &[
    "là", "gì", "của", "và", "cho", "tôi", "em", "anh", "chị", "ơi", "ạ", "à", "nhé", "không", "có", "thể", "thế",
    "nào", "làm", "sao", "như", "được", "thì", "mà", "ở", "với", "các", "những", "một", "về", "hay", "hoặc", "cần",
    "muốn", "hỏi", "xin", "chào", "bạn", "mình", "chúng", "ta", "này", "đó", "đấy", "đây", "kia", "nhiều", "ít", "rất",
    "quá", "đã", "đang", "sẽ", "bị", "bởi", "tại", "vì", "nếu", "khi", "thấy", "trong", "ngoài", "trên", "dưới", "đến",
    "tới", "từ", "ra", "vào", "lên", "xuống", "còn", "cũng", "vẫn", "rồi", "nữa", "mọi", "ai", "đâu", "bao", "giờ",
    "phải", "nên", "để", "biết", "giúp", "vui", "lòng", "cảm", "ơn", "ah", "uh", "ừ", "vậy", "nhỉ", "hả", "nè", "nha",
    "thưa", "kính", "gửi", "dạ", "vâng", "alo", "ad", "admin", "ok", "oke",
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

    #[test]
    fn marked_stopwords_fold_to_stopwords() {
        for s in MARKED_STOPWORDS {
            assert!(STOPWORDS.contains(&fold(s).as_str()), "{s}");
        }
    }
}
