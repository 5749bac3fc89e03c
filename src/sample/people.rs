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
