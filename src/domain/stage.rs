//! The start page's balanced choices: from the dates of a day (or the coming week), pick
//! a few that spread over Sparten and organisers instead of the first ones in time, and
//! give small actors (few dates) the edge in a tie.

/// A date that could be shown, in the order it was found (by time).
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub event: i64,
    /// The first Sparte's slug (empty when none).
    pub sparte: String,
    /// The organisers' slugs.
    pub organizers: Vec<String>,
    /// An organiser with few dates in the period (or none named).
    pub small: bool,
}

/// The indexes of up to `n` candidates, spread over Sparten and organisers: each pick is
/// the candidate whose Sparte and organisers were picked least so far (an organiser
/// counts more than a Sparte), a small actor before a big one, then the earlier one.
/// One line per event. Deterministic: the same candidates give the same choice.
pub fn balanced(candidates: &[Candidate], n: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    let mut events: Vec<i64> = Vec::new();
    let mut sparten: Vec<&str> = Vec::new();
    let mut organizers: Vec<&str> = Vec::new();
    while chosen.len() < n {
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !events.contains(&c.event))
            .min_by_key(|(i, c)| {
                let sparte = sparten.iter().filter(|s| **s == c.sparte).count();
                let organizer = c
                    .organizers
                    .iter()
                    .map(|o| organizers.iter().filter(|x| **x == o.as_str()).count())
                    .max()
                    .unwrap_or(0);
                (2 * organizer + sparte, !c.small, *i)
            });
        let Some((i, c)) = best else { break };
        chosen.push(i);
        events.push(c.event);
        sparten.push(&c.sparte);
        organizers.extend(c.organizers.iter().map(String::as_str));
    }
    chosen
}

/// Like [`balanced`], but the events the magazine's editors picked („Tipps der Woche“)
/// come first (their first date each, in the order of `picks`), the rest balanced.
pub fn with_picks(candidates: &[Candidate], picks: &[i64], n: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    for pick in picks {
        if chosen.len() >= n {
            break;
        }
        if let Some(i) = candidates.iter().position(|c| c.event == *pick)
            && !chosen.contains(&i)
        {
            chosen.push(i);
        }
    }
    let rest: Vec<usize> = (0..candidates.len())
        .filter(|i| !picks.contains(&candidates[*i].event))
        .collect();
    let others: Vec<Candidate> = rest.iter().map(|i| candidates[*i].clone()).collect();
    let more = n.saturating_sub(chosen.len());
    chosen.extend(balanced(&others, more).into_iter().map(|j| rest[j]));
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(event: i64, sparte: &str, org: i64, small: bool) -> Candidate {
        Candidate {
            event,
            sparte: sparte.into(),
            organizers: vec![format!("org-{org}")],
            small,
        }
    }

    #[test]
    fn spreads_over_sparten_and_organisers_before_time() {
        // Ten early concerts of one house, then theatre, dance and a reading.
        let mut list: Vec<Candidate> = (0..10).map(|i| c(i, "musik", 1, false)).collect();
        list.push(c(10, "theater", 2, false));
        list.push(c(11, "tanz", 3, false));
        list.push(c(12, "literatur", 4, true));
        let picked = balanced(&list, 4);
        let sparten: Vec<&str> = picked.iter().map(|i| list[*i].sparte.as_str()).collect();
        assert_eq!(sparten, vec!["literatur", "musik", "theater", "tanz"]);
    }

    #[test]
    fn one_line_per_event_and_never_more_than_there_are() {
        let list = vec![c(1, "musik", 1, false), c(1, "musik", 1, false)];
        assert_eq!(balanced(&list, 5), vec![0]);
        assert!(balanced(&[], 3).is_empty());
    }

    #[test]
    fn a_small_actor_wins_a_tie() {
        let list = vec![c(1, "musik", 1, false), c(2, "theater", 2, true)];
        assert_eq!(balanced(&list, 1), vec![1]);
    }

    #[test]
    fn the_editors_picks_come_first() {
        let cands = vec![
            c(1, "musik", 1, false),
            c(2, "theater", 2, true),
            c(3, "tanz", 3, true),
            c(3, "tanz", 3, true),
        ];
        assert_eq!(with_picks(&cands, &[3, 9], 2), vec![2, 1]);
        assert_eq!(with_picks(&cands, &[], 2), balanced(&cands, 2));
    }
}
