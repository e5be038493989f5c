//! What changed between two versions of a text, line by line (for reviewers).

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Same(String),
    Added(String),
    Removed(String),
}

/// Longest texts compared line by line; beyond this the whole text counts as replaced
/// (the work per request stays bounded).
const MAX_LINES: usize = 2000;

/// The lines of `old` and `new` as kept, removed and added (longest common subsequence).
pub fn lines(old: &str, new: &str) -> Vec<Line> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len() > MAX_LINES || b.len() > MAX_LINES {
        let mut out: Vec<Line> = a.iter().map(|l| Line::Removed((*l).to_owned())).collect();
        out.extend(b.iter().map(|l| Line::Added((*l).to_owned())));
        return out;
    }
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(Line::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(Line::Removed(a[i].to_owned()));
            i += 1;
        } else {
            out.push(Line::Added(b[j].to_owned()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| Line::Removed((*l).to_owned())));
    out.extend(b[j..].iter().map(|l| Line::Added((*l).to_owned())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_lines_are_marked() {
        let d = lines("eins\nzwei\ndrei", "eins\nzwo\ndrei\nvier");
        assert_eq!(
            d,
            vec![
                Line::Same("eins".into()),
                Line::Removed("zwei".into()),
                Line::Added("zwo".into()),
                Line::Same("drei".into()),
                Line::Added("vier".into()),
            ]
        );
    }
}
