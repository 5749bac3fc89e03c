//! The co-ordinator's search for a mentor with room: the first mentor with
//! capacity left at or after a starting place in the bank, going round, in
//! the whole bank or among those aligned with a school. Scanning the bank
//! for each student made generating a programme quadratic (a million
//! students took minutes); here each search skips full mentors through
//! "next with room" links, shortened as they are followed.

/// Positions with room, in order: `next[i]` leads to the first position at
/// or after `i` that still has room (`len` when none does).
struct Open {
    next: Vec<usize>,
}

impl Open {
    fn new(len: usize) -> Open {
        Open {
            next: (0..=len).collect(),
        }
    }

    /// The first open position at or after `from` (`len` when none).
    fn first_from(&mut self, from: usize) -> usize {
        let mut root = from;
        while self.next[root] != root {
            root = self.next[root];
        }
        let mut at = from;
        while self.next[at] != root {
            let following = self.next[at];
            self.next[at] = root;
            at = following;
        }
        root
    }

    /// The first open position at or after `start`, going round.
    fn first_round_from(&mut self, start: usize) -> Option<usize> {
        let len = self.next.len() - 1;
        let found = self.first_from(start.min(len));
        let found = if found == len { self.first_from(0) } else { found };
        (found < len).then_some(found)
    }

    fn close(&mut self, position: usize) {
        self.next[position] = position + 1;
    }
}

/// The bank's mentors with room left, overall and per school aligned.
pub struct FreeMentors {
    remaining: Vec<u32>,
    all: Open,
    /// Per school: the mentors aligned with it (bank positions, ascending),
    /// and which of them have room.
    aligned: Vec<(&'static str, Vec<usize>, Open)>,
}

impl FreeMentors {
    /// `capacities` in bank order; `aligned(school, mentor)` for each school.
    pub fn new(
        capacities: Vec<u32>,
        schools: &[&'static str],
        aligned: impl Fn(&str, usize) -> bool,
    ) -> FreeMentors {
        let mut free = FreeMentors {
            all: Open::new(capacities.len()),
            aligned: schools
                .iter()
                .map(|&school| {
                    let members: Vec<usize> = (0..capacities.len()).filter(|&m| aligned(school, m)).collect();
                    let open = Open::new(members.len());
                    (school, members, open)
                })
                .collect(),
            remaining: capacities,
        };
        for m in 0..free.remaining.len() {
            if free.remaining[m] == 0 {
                free.close(m);
            }
        }
        free
    }

    /// The first mentor with room at or after `start`, going round.
    pub fn first(&mut self, start: usize) -> Option<usize> {
        self.all.first_round_from(start)
    }

    /// The first mentor aligned with `school` with room at or after
    /// `start`, going round.
    pub fn first_aligned(&mut self, school: &str, start: usize) -> Option<usize> {
        let (_, members, open) = self.aligned.iter_mut().find(|(s, _, _)| *s == school)?;
        let from = members.partition_point(|&m| m < start);
        open.first_round_from(from).map(|position| members[position])
    }

    /// Takes one place of mentor `m`'s capacity.
    pub fn take(&mut self, m: usize) {
        self.remaining[m] = self.remaining[m].saturating_sub(1);
        if self.remaining[m] == 0 {
            self.close(m);
        }
    }

    fn close(&mut self, m: usize) {
        self.all.close(m);
        for (_, members, open) in &mut self.aligned {
            if let Ok(position) = members.binary_search(&m) {
                open.close(position);
            }
        }
    }
}
