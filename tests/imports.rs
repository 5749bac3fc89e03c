//! The shape of the code (docs/architecture.md): no import cycle between
//! files. Reads every `src/**/*.rs`, takes each `crate::` and `super::` path
//! (in `use` lines, braces expanded, and in code), resolves it to the module
//! file it names, and looks for a cycle. A folder's `mod.rs` and the files
//! inside it are left out of each other's edges: the files may use the types
//! it declares, and it lists them. Across folders, a cycle would be a stage
//! importing from a later one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every source file by its module path (`["ingest", "csv"]`).
fn modules(root: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(root).expect("under src");
            let mut segments: Vec<String> = relative
                .iter()
                .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if matches!(segments.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                segments.pop();
            }
            if relative == Path::new("main.rs") {
                continue;
            }
            found.insert(segments, path);
        }
    }
    found
}

/// The text without comments (line comments, doc comments) and string
/// literals' contents, so a path in prose or a message is not an import.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut previous = ' ';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if !in_string && c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' && previous != '\\' {
                in_string = !in_string;
                out.push(c);
            } else if !in_string {
                out.push(c);
            }
            previous = if previous == '\\' && c == '\\' { ' ' } else { c };
        }
        out.push('\n');
    }
    out
}

/// Expands a `use` tree (`a::{b, c::{d, self}}`) into full paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| {
            if p == "self" {
                prefix.to_string()
            } else {
                format!("{prefix}::{p}")
            }
        })
        .collect()
}

/// Every `crate::`/`super::` path of a file's code.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for statement in code.split(';') {
        let trimmed = statement.trim_start();
        let body = trimmed
            .strip_prefix("pub use ")
            .or_else(|| trimmed.strip_prefix("pub(crate) use "))
            .or_else(|| trimmed.strip_prefix("use "));
        if let Some(tree) = body {
            let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
            found.extend(expand(&tree));
        }
    }
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            let before = code[..at].chars().last().unwrap_or(' ');
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            if !(before.is_alphanumeric() || before == '_' || before == ':') {
                found.push(code[at..end].trim_end_matches(':').to_string());
            }
            from = end.max(at + start.len());
        }
    }
    found
}

/// The module file a path names, from the module `at` (deepest match).
fn resolve(path: &str, at: &[String], known: &BTreeMap<Vec<String>, PathBuf>) -> Option<Vec<String>> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<String> = match segments.first() {
        Some(&"crate") => {
            segments.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            // In a mod.rs, `super` is the folder's parent; in a file, its folder.
            // `super` is the parent module, for a file and a mod.rs alike
            // (a mod.rs's module path is already its folder's).
            segments.remove(0);
            let mut base = at.to_vec();
            base.pop();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
            base
        }
        _ => return None,
    };
    let mut best = None;
    if known.contains_key(&base) {
        best = Some(base.clone());
    }
    for segment in segments {
        base.push(segment.to_string());
        if known.contains_key(&base) {
            best = Some(base.clone());
        } else {
            break;
        }
    }
    best
}

/// Import edges between files, by module path (none between a module and
/// the modules inside it).
fn file_edges(root: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let known = modules(root);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, path) in &known {
        let text = std::fs::read_to_string(path).expect("read source");
        for used in paths(&code_of(&text)) {
            let Some(target) = resolve(&used, module, &known) else {
                continue;
            };
            let apart = !module.is_empty()
                && !target.is_empty()
                && !target.starts_with(module)
                && !module.starts_with(&target);
            if apart {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    edges
}

/// One cycle through the graph, if any (depth-first search).
fn a_cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        done: &mut BTreeSet<Vec<String>>,
        path: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle: Vec<String> = path[start..].iter().map(|n| n.join("/")).collect();
            cycle.push(node.join("/"));
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, edges, &mut done, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_import_cycle_between_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = file_edges(&root);
    assert!(!edges.is_empty(), "the scan found no imports at all");
    if let Some(cycle) = a_cycle(&edges) {
        // Every group of files that import each other, with their edges.
        let reach = |from: &Vec<String>| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.clone()];
            while let Some(node) = stack.pop() {
                for next in edges.get(&node).into_iter().flatten() {
                    if seen.insert(next.clone()) {
                        stack.push(next.clone());
                    }
                }
            }
            seen
        };
        let mut loops = Vec::new();
        for (node, targets) in &edges {
            let back = reach(node);
            for target in targets {
                if reach(target).contains(node) && back.contains(target) {
                    loops.push(format!("{} -> {}", node.join("/"), target.join("/")));
                }
            }
        }
        panic!(
            "import cycle between files: {}\nimports on a cycle:\n{}",
            cycle.join(" -> "),
            loops.join("\n")
        );
    }
}

/// The checker finds a cycle when there is one.
#[test]
fn the_cycle_check_can_fail() {
    let dir = std::env::temp_dir().join(format!("imports-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("stage")).unwrap();
    std::fs::write(dir.join("lib.rs"), "pub mod stage;\n").unwrap();
    std::fs::write(dir.join("stage/mod.rs"), "pub mod a;\npub mod b;\n").unwrap();
    std::fs::write(
        dir.join("stage/a.rs"),
        "use super::b::{self, Thing};\npub struct Other;\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("stage/b.rs"),
        "pub struct Thing;\nfn f() { let _ = crate::stage::a::Other; }\n",
    )
    .unwrap();
    let cycle = a_cycle(&file_edges(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        cycle,
        Some(vec!["stage/a".into(), "stage/b".into(), "stage/a".into()])
    );
}
