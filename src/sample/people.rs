//! Word lists for synthetic names, schools and organisations (all invented).

pub const FORENAMES: [&str; 40] = [
    "Amara", "Ben", "Chloe", "Daniel", "Ella", "Farah", "George", "Hana", "Isaac", "Jade", "Kwame", "Laila",
    "Mohammed", "Nadia", "Oliver", "Priya", "Qasim", "Rosie", "Samuel", "Tariq", "Uma", "Victor", "Wei",
    "Xenia", "Yusuf", "Zara", "Aisha", "Callum", "Deepa", "Ethan", "Fatima", "Harvey", "Imogen", "Jamal",
    "Katie", "Luca", "Maya", "Noah", "Olu", "Sofia",
];

pub const SURNAMES: [&str; 36] = [
    "Adeyemi",
    "Baker",
    "Chen",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walker",
    "Xu",
    "Young",
    "Zielinski",
    "Ahmed",
    "Brown",
    "Campbell",
    "Doherty",
    "Edwards",
    "Ali",
    "Murphy",
    "Williams",
    "Wright",
    "Thomas",
];

pub const SCHOOLS: [&str; 6] = [
    "Business School",
    "Computing",
    "Engineering",
    "Law",
    "Life Sciences",
    "Psychology",
];

pub const ORGANISATIONS: [&str; 16] = [
    "Northgate Bank",
    "Riverside Health Trust",
    "Brightwave Software",
    "Castle & Co Solicitors",
    "Meridian Engineering",
    "City Council",
    "Oakfield Retail",
    "Lumen Studios",
    "Harbour Insurance",
    "Kestrel Consulting",
    "Summit Logistics",
    "Greenleaf Energy",
    "Atlas Manufacturing",
    "Beacon Media",
    "Crown Accountancy",
    "Vantage Analytics",
];

pub const SECTORS: [&str; 8] = [
    "Finance",
    "Technology",
    "Engineering",
    "Public sector",
    "Law",
    "Health",
    "Retail",
    "Creative industries",
];

pub const SOURCES: [&str; 4] = [
    "Alumni network",
    "Business development network",
    "Academic contact",
    "Professional body",
];

/// The mentor sectors aligned with each school (the sample's `[matching.aligned]`).
pub const ALIGNED: [(&str, &[&str]); 6] = [
    ("Business School", &["Finance"]),
    ("Computing", &["Technology"]),
    ("Engineering", &["Engineering"]),
    ("Law", &["Law"]),
    ("Life Sciences", &["Health"]),
    ("Psychology", &["Health", "Public sector"]),
];

/// How much more (or less) likely a school's students are to sign up:
/// academic buy-in differs between schools.
pub fn school_uptake(school: &str) -> f64 {
    match school {
        "Business School" => 0.06,
        "Engineering" => -0.08,
        "Law" => -0.14,
        _ => 0.0,
    }
}

/// Whether a mentor of `sector` is aligned with a student of `school`.
pub fn is_aligned(school: &str, sector: &str) -> bool {
    ALIGNED
        .iter()
        .any(|(s, sectors)| *s == school && sectors.contains(&sector))
}
