package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/infralint/infralint/capacity"
)

// num prints a number with at most three significant decimals and
// thousands separators: 1,234.5.
func num(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case math.Abs(v) >= 100:
		return grouped(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	case math.Abs(v) >= 10:
		return trimZeros(strconv.FormatFloat(v, 'f', 1, 64))
	default:
		return trimZeros(strconv.FormatFloat(v, 'f', 2, 64))
	}
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// grouped puts commas between thousands of an integer string.
func grouped(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	for i := len(intPart) - 3; i > 0; i -= 3 {
		intPart = intPart[:i] + "," + intPart[i:]
	}
	if hasFrac {
		intPart += "." + frac
	}
	if neg {
		intPart = "−" + intPart
	}
	return intPart
}

func ms(v float64) string { return num(v) }

func pct(u float64) string { return strconv.FormatFloat(u*100, 'f', 1, 64) + "%" }

// money is "$1,234.56".
func money(usd float64) string {
	s := grouped(strconv.FormatFloat(math.Abs(usd), 'f', 2, 64))
	if usd < 0 && math.Round(usd*100) != 0 {
		return "−$" + s
	}
	return "$" + s
}

// signedMoney is "+$12.00" or "−$3.50".
func signedMoney(usd float64) string {
	if math.Round(usd*100) == 0 {
		return "$0.00"
	}
	if usd > 0 {
		return "+" + money(usd)
	}
	return money(usd)
}

// perMillion is "$2.7764".
func perMillion(usd float64) string { return "$" + strconv.FormatFloat(usd, 'f', 4, 64) }

func verdictText(v capacity.Verdict) string { return string(v) }

// verdictClass is the CSS class of a verdict.
func verdictClass(v capacity.Verdict) string {
	switch v {
	case capacity.VerdictOK:
		return "ok"
	case capacity.VerdictOverTarget:
		return "warn"
	default:
		return "bad"
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
