//! Fair visibility: the „Entdecken“ block shows organisations with a chance that falls
//! with the exposure they recently had. An organisation shown a thousand times this month
//! is drawn rarely; one never shown is drawn often — so over many draws exposure evens
//! out instead of piling up where it already is.
//!
//! Weight of an organisation = 1 / (1 + shown in the last 30 days). Draws are without
//! replacement (no organisation twice in one block). The random numbers come from the
//! caller, so the rule is testable.

/// A candidate with its recent exposure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub recent_exposure: i64,
}

/// The weight of a candidate: falls with exposure, never zero.
pub fn weight(recent_exposure: i64) -> f64 {
    1.0 / (1.0 + recent_exposure.max(0) as f64)
}

/// Draws up to `k` distinct ids; `random` yields numbers in `[0, 1)`.
pub fn draw(candidates: &[Candidate], k: usize, mut random: impl FnMut() -> f64) -> Vec<i64> {
    let mut pool: Vec<(i64, f64)> = candidates
        .iter()
        .map(|c| (c.id, weight(c.recent_exposure)))
        .collect();
    let mut chosen = Vec::with_capacity(k.min(pool.len()));
    while chosen.len() < k && !pool.is_empty() {
        let total: f64 = pool.iter().map(|(_, w)| w).sum();
        let mut target = random().clamp(0.0, 0.999_999_999) * total;
        let mut index = pool.len() - 1;
        for (i, (_, w)) in pool.iter().enumerate() {
            if target < *w {
                index = i;
                break;
            }
            target -= w;
        }
        chosen.push(pool.swap_remove(index).0);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64 in [0, 1), deterministic.
    fn rng(seed: u64) -> impl FnMut() -> f64 {
        let mut s = seed;
        move || {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn exposure_evens_out_over_many_draws() {
        // Two big houses start with 500 views each, eight small collectives with none.
        let mut shown: Vec<i64> = vec![500, 500, 0, 0, 0, 0, 0, 0, 0, 0];
        let mut random = rng(7);
        for _ in 0..2_000 {
            let candidates: Vec<Candidate> = shown
                .iter()
                .enumerate()
                .map(|(i, s)| Candidate {
                    id: i as i64,
                    recent_exposure: *s,
                })
                .collect();
            for id in draw(&candidates, 3, &mut random) {
                shown[id as usize] += 1;
            }
        }
        // 6,000 showings: every small one got more of them than either big one, they
        // stay even among themselves, and the gap of 500 shrank to well under half.
        let small_min = shown[2..].iter().min().copied().unwrap_or(0);
        let small_max = shown[2..].iter().max().copied().unwrap_or(0);
        let big = shown[0].max(shown[1]);
        assert!(
            small_min > big - 500,
            "a small one got less than a big one: {shown:?}"
        );
        assert!(
            small_max - small_min < 80,
            "uneven among the small: {shown:?}"
        );
        assert!(big - small_min < 250, "the gap did not close: {shown:?}");
    }

    #[test]
    fn a_block_never_shows_one_organisation_twice() {
        let c: Vec<Candidate> = (0..5)
            .map(|id| Candidate {
                id,
                recent_exposure: 0,
            })
            .collect();
        let mut random = rng(1);
        for _ in 0..100 {
            let mut d = draw(&c, 4, &mut random);
            d.sort_unstable();
            d.dedup();
            assert_eq!(d.len(), 4);
        }
        assert_eq!(draw(&c[..2], 4, &mut random).len(), 2);
    }
}
