package schema

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// cronParser reads an Auto Scaling recurrence: the five fields of Unix
// cron (minute hour day-of-month month day-of-week), as AWS takes them.
// No seconds field and no descriptors (@daily): AWS accepts neither.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// Recurrence is a parsed scheduled action's cron, in UTC.
type Recurrence struct{ s cron.Schedule }

// Next is the first time after t (in UTC) that the recurrence names; the
// zero time when there is none within five years.
func (r Recurrence) Next(t time.Time) time.Time { return r.s.Next(t.UTC()) }

// ParseCron reads a scheduled action's cron expression.
func ParseCron(expr string) (Recurrence, error) {
	if strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ=") {
		// The library would read the zone from the system's database: a
		// stack's figures must not depend on the machine.
		return Recurrence{}, fmt.Errorf("a time zone prefix is not supported: crons are read in UTC")
	}
	s, err := cronParser.Parse(expr)
	if err != nil {
		return Recurrence{}, err
	}
	r := Recurrence{s}
	// A date that never comes (30 February) would leave the action idle
	// without a word.
	if r.Next(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return Recurrence{}, fmt.Errorf("it names no time that exists")
	}
	return r, nil
}

// validateSchedules refuses a scheduled action whose cron does not parse.
func validateSchedules(s *Stack, bad func(path, format string, args ...any)) {
	for _, c := range s.OfKind(KindCompute) {
		a := c.Compute.Autoscaling
		if a == nil || a.Policy == nil {
			continue
		}
		for i, act := range a.Policy.Schedule {
			if _, err := ParseCron(act.Cron); err != nil {
				bad(Path("components", c.Name, "autoscaling", "policy", "schedule", i, "cron"),
					"cron %q: %v (five fields: minute hour day-of-month month day-of-week, in UTC)", act.Cron, err)
			}
		}
	}
}
