// Package humanize prints the quantities infralint reports to people —
// money, percentages, durations, counts and plural nouns — one way each,
// so that a table, a finding's message and the HTML report agree on how a
// figure looks. Machine formats (JSON, SARIF properties) keep raw numbers
// and do not use it.
//
// Conventions shared by every function:
//   - thousands are separated by commas: 1,460;
//   - a negative value starts with an ASCII hyphen-minus ("-$12.30"), so
//     that output can be copied, grepped and diffed as plain text;
//   - rounding is half away from zero on the shortest decimal that reads
//     back as the same float, i.e. on the value as a person would write
//     it: 1.005 → "1.01", 112.5 → "113" (strconv alone would print
//     "1.00", because 1.005 is stored as 1.00499…, and "112", because it
//     breaks exact ties to even);
//   - a value that rounds to zero prints without a sign ("$0.00", "0%");
//   - NaN and ±Inf print as NotANumber, never as "NaN" or "+Inf".
package humanize

import (
	"math"
	"strconv"
	"strings"
)

// NotANumber is what every function prints for NaN or an infinity: a value
// with no meaning, such as the response time of a saturated queue.
const NotANumber = "—"

// finite reports whether v can be printed as a number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fixed renders v to exactly decimals places with thousands separators and
// a hyphen-minus for negative values; "-0.00" becomes "0.00".
func fixed(v float64, decimals int) string {
	s := roundDecimal(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), decimals)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	out := group(intPart)
	if hasFrac {
		out += "." + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// roundDecimal rounds the unsigned decimal s to decimals places, half away
// from zero. It works on the shortest decimal that reads back as the same
// float, so a value rounds as it reads: 1.005 → "1.01", 112.5 → "113",
// where rounding the binary value would give "1.00" (1.005 is stored as
// 1.00499…) and "112" (strconv breaks exact ties to even).
func roundDecimal(s string, decimals int) string {
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) <= decimals {
		frac += strings.Repeat("0", decimals-len(frac))
	} else {
		up := frac[decimals] >= '5'
		frac = frac[:decimals]
		if up {
			digits := []byte(intPart + frac)
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i < 0 {
				digits = append([]byte{'1'}, digits...)
			} else {
				digits[i]++
			}
			intPart, frac = string(digits[:len(digits)-decimals]), string(digits[len(digits)-decimals:])
		}
	}
	if decimals == 0 {
		return intPart
	}
	return intPart + "." + frac
}

// group puts a comma between every three digits of an unsigned integer.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// trimZeros drops the trailing zeros of a fraction, and the point with
// them: "12.50" → "12.5", "3.00" → "3".
func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Number renders v with at most decimals places, dropping trailing zeros,
// with thousands separators: Number(25228.8, 2) = "25,228.8",
// Number(1460, 2) = "1,460". Use it for quantities whose precision is set
// by their unit (hours, GB).
func Number(v float64, decimals int) string {
	if !finite(v) {
		return NotANumber
	}
	return trimZeros(fixed(v, decimals))
}

// Figure renders a measured or modelled value to about three significant
// digits, the precision the models behind it have: whole numbers from 100
// up ("1,234"), one decimal from 10 ("38.2"), two below ("4.53", "0.5"),
// trailing zeros dropped. Use it for request rates and times.
func Figure(v float64) string {
	switch a := math.Abs(v); {
	case !finite(v):
		return NotANumber
	case a >= 100:
		return Number(v, 0)
	case a >= 10:
		return Number(v, 1)
	default:
		return Number(v, 2)
	}
}

// Count renders an integer with thousands separators: "1,000".
func Count(n int) string {
	s := strconv.Itoa(n)
	if digits, neg := strings.CutPrefix(s, "-"); neg {
		return "-" + group(digits)
	}
	return group(s)
}
