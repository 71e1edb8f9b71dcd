package humanize

import "strings"

// Plural renders a count with its noun, in the plural unless the count is
// one: "1 instance", "3 instances", "1,000 findings", "2 errors". A
// phrase is pluralised on its last word: "2 line items".
func Plural(n int, noun string) string {
	return Count(n) + " " + Noun(float64(n), noun)
}

// Noun is noun in the form a quantity takes: singular for exactly 1,
// plural otherwise (including 0 and fractions: "0.5 hours"). Units that
// are symbols ("GB", "ms") and mass nouns ("info", "data") are left as they
// are; "-y" after a consonant becomes "-ies" and
// "-s", "-x", "-ch", "-sh" take "-es".
func Noun(quantity float64, noun string) string {
	if quantity == 1 || noun == "" {
		return noun
	}
	head, last := "", noun
	if i := strings.LastIndexAny(noun, " -"); i >= 0 {
		head, last = noun[:i+1], noun[i+1:]
	}
	return head + pluralWord(last)
}

// invariant words do not change in the plural.
var invariant = map[string]bool{
	"info": true, "data": true, "GB": true, "GiB": true, "MB": true, "MiB": true,
	"TB": true, "ms": true, "s": true, "h": true, "min": true,
}

func pluralWord(w string) string {
	switch {
	case invariant[w]:
		return w
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

// Quantity renders a measured amount with its unit, to at most decimals
// places and in the unit's plural unless the amount is exactly one:
// Quantity(1460, 2, "hour") = "1,460 hours", Quantity(1, 3, "instance") =
// "1 instance", Quantity(2.5, 3, "extra instance") = "2.5 extra instances".
// It is Plural for a quantity that may have decimals. The noun agrees
// with the number as printed, so 1.0004 to three places is "1 instance".
func Quantity(v float64, decimals int, noun string) string {
	if !finite(v) {
		return NotANumber
	}
	s := Number(v, decimals)
	if s == "1" {
		return s + " " + noun
	}
	return s + " " + Noun(v, noun)
}
