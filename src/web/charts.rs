//! Bar charts drawn on the server as SVG: a title and a description for screen readers,
//! and the same numbers as a table beside the chart (the template is
//! `templates/stats/_chart.html`, included with a `chart` in scope).

/// One bar, with its geometry in the chart's coordinates (viewBox 0 0 600 200).
pub struct Bar {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub label: String,
    pub value: String,
}

pub struct Chart {
    /// Unique on the page: ids of the title and description.
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Column headings of the table beside the chart.
    pub label_heading: String,
    pub value_heading: String,
    pub bars: Vec<Bar>,
    /// The largest value, written at the top of the axis.
    pub max: String,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
/// Room on the left for the axis label.
const LEFT: f64 = 40.0;

impl Chart {
    /// A bar chart of `points` (label, value) in their order.
    pub fn bars(
        id: &str,
        title: String,
        desc: String,
        headings: (String, String),
        points: &[(String, i64)],
        format: impl Fn(i64) -> String,
    ) -> Chart {
        let max = points.iter().map(|p| p.1).max().unwrap_or(0).max(1);
        let n = points.len().max(1) as f64;
        let slot = (WIDTH - LEFT) / n;
        let bars = points
            .iter()
            .enumerate()
            .map(|(i, (label, value))| {
                let h = (*value).max(0) as f64 / max as f64 * (HEIGHT - 10.0);
                Bar {
                    x: format!("{:.1}", LEFT + i as f64 * slot + slot * 0.1),
                    y: format!("{:.1}", HEIGHT - h),
                    width: format!("{:.1}", slot * 0.8),
                    height: format!("{h:.1}"),
                    label: label.clone(),
                    value: format(*value),
                }
            })
            .collect();
        Chart {
            id: id.to_owned(),
            title,
            desc,
            label_heading: headings.0,
            value_heading: headings.1,
            bars,
            max: format(max),
        }
    }
}

/// A count as the language writes it: 12000 → „12.000“ (German), "12,000" (English).
pub fn count(lang: crate::i18n::Lang, n: i64) -> String {
    let separator = if lang == crate::i18n::Lang::De {
        '.'
    } else {
        ','
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}
