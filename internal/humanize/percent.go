package humanize

// Percent renders a fraction as a percentage to the nearest tenth of a
// percent, dropping a trailing ".0": 0.73 → "73%", 0.7312 → "73.1%",
// 0.0004 → "0%". The tenth is kept because a utilisation is compared with
// a target: 70.4% against a 70% target must not read "70%". A half tenth
// rounds away from zero, as for USD: 0.0625 → "6.3%".
func Percent(frac float64) string {
	if !finite(frac) {
		return NotANumber
	}
	return Number(frac*100, 1) + "%"
}

// SignedPercent renders a relative change with its direction: "+25%",
// "-3.5%", and "0%" when it rounds to no change.
func SignedPercent(frac float64) string {
	s := Percent(frac)
	if frac > 0 && finite(frac) && s != "0%" {
		return "+" + s
	}
	return s
}

// Millis renders a duration given in milliseconds with its unit, to the
// precision of Figure: "250 ms", "38.2 ms", "0.5 ms", "1,250 ms".
func Millis(ms float64) string {
	if !finite(ms) {
		return NotANumber
	}
	return Figure(ms) + " ms"
}
