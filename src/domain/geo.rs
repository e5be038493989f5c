//! Drawing places on a plane without map tiles: an equirectangular projection scaled by
//! the cosine of the middle latitude, which is true enough at the size of a city.

/// Points (latitude, longitude) placed in a box `width` wide with `margin` on every side.
/// Returns the box's height and each point's (x, y), y growing southwards.
pub fn project(points: &[(f64, f64)], width: f64, margin: f64) -> (f64, Vec<(f64, f64)>) {
    if points.is_empty() {
        return (0.0, Vec::new());
    }
    let (mut min_lat, mut max_lat) = (f64::MAX, f64::MIN);
    let (mut min_lon, mut max_lon) = (f64::MAX, f64::MIN);
    for &(lat, lon) in points {
        min_lat = min_lat.min(lat);
        max_lat = max_lat.max(lat);
        min_lon = min_lon.min(lon);
        max_lon = max_lon.max(lon);
    }
    let squash = ((min_lat + max_lat) / 2.0).to_radians().cos();
    // A single place, or all in one spot, still gets a box around it.
    let span_x = ((max_lon - min_lon) * squash).max(0.005);
    let span_y = (max_lat - min_lat).max(0.005);
    let inner = width - 2.0 * margin;
    let scale = inner / span_x;
    let height = (span_y * scale + 2.0 * margin).min(width * 1.5);
    let scale = scale.min((height - 2.0 * margin) / span_y);
    let placed = points
        .iter()
        .map(|&(lat, lon)| {
            let x = margin + (lon - min_lon) * squash * scale;
            let y = margin + (max_lat - lat) * scale;
            ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
        })
        .collect();
    (height.round(), placed)
}

#[cfg(test)]
mod tests {
    use super::project;

    #[test]
    fn north_is_up_east_is_right_and_everything_fits() {
        // Schauspielhaus (Mitte), Bahnhof Langendreer (east), Wattenscheid (west).
        let points = [(51.4706, 7.2186), (51.4835, 7.3234), (51.4800, 7.1380)];
        let (height, placed) = project(&points, 600.0, 20.0);
        assert!(height > 40.0 && height < 900.0);
        for &(x, y) in &placed {
            assert!((20.0..=580.0).contains(&x), "x {x}");
            assert!((20.0..=height - 20.0 + 0.1).contains(&y), "y {y}");
        }
        assert!(placed[1].0 > placed[0].0 && placed[0].0 > placed[2].0);
        assert!(
            placed[1].1 < placed[0].1,
            "the more northern place is higher up"
        );
        let (h, one) = project(&[(51.48, 7.2)], 600.0, 20.0);
        assert!(h > 0.0 && one.len() == 1);
        assert_eq!(project(&[], 600.0, 20.0).1.len(), 0);
    }
}
