package humanize

import (
	"math"
	"strconv"
	"strings"
)

// USD renders an amount of US dollars to the cent: "$2,248.96",
// "-$12.30", "$0.00". Half a cent rounds away from zero, on the value as
// it reads (see the package comment): 1.005 → "$1.01", -0.005 → "-$0.01".
func USD(v float64) string { return USDRounded(v, 2) }

// USDRounded renders dollars to a chosen number of decimals: 0 for the
// compact labels of a diagram ("$2,249"), 4 for a cost per million
// requests ("$3.5134").
func USDRounded(v float64, decimals int) string {
	if !finite(v) {
		return NotANumber
	}
	s := fixed(v, decimals)
	if s[0] == '-' {
		return "-$" + s[1:]
	}
	return "$" + s
}

// SignedUSD renders a difference with its direction: "+$12.50", "-$3.00",
// and "$0.00" when it rounds to no change.
func SignedUSD(v float64) string { return SignedUSDRounded(v, 2) }

// SignedUSDRounded is SignedUSD to a chosen number of decimals, for the
// difference of two amounts printed with USDRounded: "-$0.7369".
func SignedUSDRounded(v float64, decimals int) string {
	s := USDRounded(v, decimals)
	if v > 0 && finite(v) && s != USDRounded(0, decimals) {
		return "+" + s
	}
	return s
}

// UnitPrice renders a price per unit with every digit the price list
// gives, since a tariff is read, not summed: "$0.0225", "$0.0000166667",
// "$4". Prices of a thousand dollars or more are grouped: "$1,250".
func UnitPrice(v float64) string {
	if !finite(v) {
		return NotANumber
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	s = group(intPart)
	if hasFrac {
		s += "." + frac
	}
	if v < 0 {
		return "-$" + s
	}
	return "$" + s
}

// Cents is v in whole cents, rounded as USD prints it (half away from
// zero, on the value as it reads), so that a gate comparing cents
// compares exactly the figure it prints: Cents(8616.115) is 861612, the
// "$8,616.12" of USD. ok is false for NaN, an infinity or an amount
// beyond ±$10^15, which have no cent figure.
func Cents(v float64) (cents int64, ok bool) {
	if !finite(v) || math.Abs(v) >= 1e15 {
		return 0, false
	}
	s := strings.Replace(roundDecimal(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), 2), ".", "", 1)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	if v < 0 {
		n = -n
	}
	return n, true
}

// FromCents is the dollar amount of a count of cents, for JSON.
func FromCents(c int64) float64 { return float64(c) / 100 }
