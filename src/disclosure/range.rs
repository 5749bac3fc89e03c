//! The range a reader can narrow a count to.

/// "No upper bound": larger than any weighted sum of counts.
pub const INFINITE: u128 = 1 << 100;

/// The range a reader can narrow a cell's value to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub lo: u128,
    pub hi: u128,
}

impl Bounds {
    pub fn exact(value: u64) -> Bounds {
        Bounds {
            lo: u128::from(value),
            hi: u128::from(value),
        }
    }

    /// Intersects with [lo, hi]; whether the range changed.
    pub fn narrow(&mut self, lo: u128, hi: u128) -> bool {
        let (old_lo, old_hi) = (self.lo, self.hi);
        self.lo = self.lo.max(lo);
        self.hi = self.hi.min(hi).max(self.lo);
        (self.lo, self.hi) != (old_lo, old_hi)
    }
}
