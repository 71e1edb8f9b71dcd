package humanize

import (
	"math"
	"testing"
)

// Every expectation below was worked out by hand. Ties round half away
// from zero on the value as written, not on its binary approximation:
// 1.005 is stored as 1.00499999999999989… and 2.675 as 2.67499999…
// (`python3 -c "from decimal import Decimal; print(Decimal(1.005))"`), so
// printf("%.2f") gives 1.00 and 2.67 where a person expects 1.01 and 2.68.

func TestUSD(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "$0.00"},
		{2248.96, "$2,248.96"},
		{2242.56, "$2,242.56"},
		{1e6, "$1,000,000.00"},
		{999.999, "$1,000.00"}, // rounding carries into a new group
		{-12.3, "-$12.30"},
		{-1234567.891, "-$1,234,567.89"},
		{0.005, "$0.01"},
		{1.005, "$1.01"},
		{2.675, "$2.68"},
		{0.125, "$0.13"}, // an exact binary tie, which strconv would round to even
		{999.995, "$1,000.00"},
		{9999999.995, "$10,000,000.00"},
		{-0.004, "$0.00"}, // rounds to zero: no sign
		{-0.005, "-$0.01"},
		{math.Copysign(0, -1), "$0.00"},
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
		{math.Inf(-1), "—"},
	} {
		if got := USD(c.in); got != c.want {
			t.Errorf("USD(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUSDRounded(t *testing.T) {
	for _, c := range []struct {
		in       float64
		decimals int
		want     string
	}{
		{2248.96, 0, "$2,249"},
		{2248.49, 0, "$2,248"},
		{-0.4, 0, "$0"},
		{3.51336, 4, "$3.5134"},
		{0.5, 4, "$0.5000"},
		{1234.5, 1, "$1,234.5"},
	} {
		if got := USDRounded(c.in, c.decimals); got != c.want {
			t.Errorf("USDRounded(%v, %d) = %q, want %q", c.in, c.decimals, got, c.want)
		}
	}
}

func TestSignedUSD(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{12.5, "+$12.50"},
		{-3, "-$3.00"},
		{0, "$0.00"},
		{0.004, "$0.00"},
		{-0.001, "$0.00"},
		{0.005, "+$0.01"},
		{1500, "+$1,500.00"},
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
	} {
		if got := SignedUSD(c.in); got != c.want {
			t.Errorf("SignedUSD(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in       float64
		decimals int
		want     string
	}{
		{2.7764 - 3.5133, 4, "-$0.7369"},
		{0.00004, 4, "$0.0000"},
		{0.00005, 4, "+$0.0001"},
		{12, 0, "+$12"},
	} {
		if got := SignedUSDRounded(c.in, c.decimals); got != c.want {
			t.Errorf("SignedUSDRounded(%v, %d) = %q, want %q", c.in, c.decimals, got, c.want)
		}
	}
}

func TestUnitPrice(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0.0225, "$0.0225"},
		{4, "$4"},
		{0.5, "$0.5"},
		{0.0000166667, "$0.0000166667"},
		{1250, "$1,250"},
		{13.338, "$13.338"},
		{-0.25, "-$0.25"},
		{math.NaN(), "—"},
	} {
		if got := UnitPrice(c.in); got != c.want {
			t.Errorf("UnitPrice(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0.73, "73%"},
		{0.7312, "73.1%"},
		{0.7, "70%"},
		{0.704, "70.4%"},
		{0.5555, "55.6%"},
		{0.0625, "6.3%"},
		{0.00049, "0%"},
		{0.0005, "0.1%"}, // 0.05 is stored above the tie
		{1, "100%"},
		{12.5, "1,250%"},
		{-0.035, "-3.5%"},
		{-0.0001, "0%"},
		{0, "0%"},
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
	} {
		if got := Percent(c.in); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSignedPercent(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0.25, "+25%"},
		{-0.035, "-3.5%"},
		{0.0001, "0%"},
		{0, "0%"},
		{math.Inf(-1), "—"},
	} {
		if got := SignedPercent(c.in); got != c.want {
			t.Errorf("SignedPercent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFigureAndMillis(t *testing.T) {
	for _, c := range []struct {
		in         float64
		fig, milli string
	}{
		{0, "0", "0 ms"},
		{0.5, "0.5", "0.5 ms"},
		{4.534, "4.53", "4.53 ms"},
		{9.999, "10", "10 ms"},
		{12.345, "12.3", "12.3 ms"},
		{38.25, "38.3", "38.3 ms"},
		{112.5, "113", "113 ms"},
		{0.045, "0.05", "0.05 ms"},
		{99.96, "100", "100 ms"},
		{250, "250", "250 ms"},
		{1234.4, "1,234", "1,234 ms"},
		{1e6, "1,000,000", "1,000,000 ms"},
		{-1500, "-1,500", "-1,500 ms"},
		{-0.001, "0", "0 ms"},
		{math.NaN(), "—", "—"},
		{math.Inf(1), "—", "—"},
	} {
		if got := Figure(c.in); got != c.fig {
			t.Errorf("Figure(%v) = %q, want %q", c.in, got, c.fig)
		}
		if got := Millis(c.in); got != c.milli {
			t.Errorf("Millis(%v) = %q, want %q", c.in, got, c.milli)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in       float64
		decimals int
		want     string
	}{
		{25228.8, 2, "25,228.8"},
		{1460, 2, "1,460"},
		{5045.756, 2, "5,045.76"},
		{0.004, 2, "0"},
		{-1234.5, 1, "-1,234.5"},
		{math.NaN(), 2, "—"},
	} {
		if got := Number(c.in, c.decimals); got != c.want {
			t.Errorf("Number(%v, %d) = %q, want %q", c.in, c.decimals, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		in   int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-1000, "-1,000"},
		{math.MinInt64, "-9,223,372,036,854,775,808"},
	} {
		if got := Count(c.in); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{1, "instance", "1 instance"},
		{3, "instance", "3 instances"},
		{0, "finding", "0 findings"},
		{1000, "finding", "1,000 findings"},
		{2, "line item", "2 line items"},
		{2, "info", "2 info"},
		{2, "error", "2 errors"},
		{2, "gateway", "2 gateways"},
		{2, "policy", "2 policies"},
		{2, "address", "2 addresses"},
		{2, "vCPU", "2 vCPUs"},
		{-1, "deploy", "-1 deploys"},
	} {
		if got := Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

func TestNoun(t *testing.T) {
	for _, c := range []struct {
		q          float64
		noun, want string
	}{
		{1, "hour", "hour"},
		{1460, "hour", "hours"},
		{0.5, "hour", "hours"},
		{20, "GB-month", "GB-months"},
		{5045.76, "LCU-hour", "LCU-hours"},
		{25228.8, "GB", "GB"},
		{3, "", ""},
	} {
		if got := Noun(c.q, c.noun); got != c.want {
			t.Errorf("Noun(%v, %q) = %q, want %q", c.q, c.noun, got, c.want)
		}
	}
}

func TestQuantity(t *testing.T) {
	for _, c := range []struct {
		v          float64
		decimals   int
		noun, want string
	}{
		{1460, 2, "hour", "1,460 hours"},
		{1, 3, "instance", "1 instance"},
		{2.5, 3, "extra instance", "2.5 extra instances"},
		{0.1234, 3, "deploy", "0.123 deploys"},
		{1.0004, 3, "instance", "1 instance"}, // agrees with the printed "1"
		{0.9996, 3, "instance", "1 instance"},
		{0, 3, "gateway", "0 gateways"},
		{512, 0, "MiB", "512 MiB"},
		{1234567.891, 2, "GB", "1,234,567.89 GB"},
		{math.NaN(), 2, "hour", "—"},
	} {
		if got := Quantity(c.v, c.decimals, c.noun); got != c.want {
			t.Errorf("Quantity(%v, %d, %q) = %q, want %q", c.v, c.decimals, c.noun, got, c.want)
		}
	}
}
