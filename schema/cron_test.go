package schema_test

import (
	"strings"
	"testing"
	"time"

	"github.com/infralint/infralint/schema"
)

// A scheduled action's cron is five Unix cron fields in UTC, as AWS takes
// an Auto Scaling recurrence; anything else is refused at its position.
func TestScheduleCron(t *testing.T) {
	r, err := schema.ParseCron("0 8 * * MON-FRI")
	if err != nil {
		t.Fatal(err)
	}
	// 2025-01-03 is a Friday, so the next firing is Monday the 6th, 08:00.
	from := time.Date(2025, 1, 3, 9, 0, 0, 0, time.UTC)
	if got, want := r.Next(from), time.Date(2025, 1, 6, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("next after %v: %v, want %v", from, got, want)
	}
	for expr, want := range map[string]string{
		"0 8 * *":                 "expected exactly 5 fields",
		"0 0 30 2 *":              "names no time that exists",
		"@daily":                  "does not accept descriptors",
		"0 0 8 * * *":             "expected exactly 5 fields",
		"TZ=Asia/Seoul 0 8 * * *": "time zone prefix is not supported",
		"61 * * * *":              "above maximum",
	} {
		if _, err := schema.ParseCron(expr); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error with %q", expr, err, want)
		}
	}
}
