package rightsize

import (
	"cmp"
	"slices"
	"time"

	"github.com/infralint/infralint/schema"
)

// An Auto Scaling group's scheduled actions set its min and max (and
// desired, when given) at the times their crons name, and those settings
// hold until the next action fires. The share of the hours each fleet
// size holds is read off one reference year of firings: 2025 in UTC, a
// year of 365 days, 8,760 hours, twelve 730-hour months, which is the
// month the estimate bills. A year of firings before it sets the state the
// year starts in, as a group that has run the schedule for a while is.
var (
	yearStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	yearEnd   = yearStart.AddDate(1, 0, 0)
	warmStart = yearStart.AddDate(-1, 0, 0)
)

// scheduled is one action, parsed.
type scheduled struct {
	act schema.ScheduleAction
	r   schema.Recurrence
}

// groupState is what the group holds between two firings.
type groupState struct{ min, max, desired int }

// fleetHours is the hours of the reference year the group spends at each
// fleet size, under its scheduled actions; need is the fleet a tracking
// policy asks for (desired follows it within min and max), or nil when no
// policy tracks a metric (desired then moves only when an action sets it
// or when min or max push it). An action whose cron does not parse (the
// loader refuses those) is left out.
func fleetHours(as *schema.Autoscaling, need *int) map[int]float64 {
	st := groupState{min: as.Min, max: as.Max, desired: max(as.Desired, as.Min)}
	settle := func() {
		if need != nil {
			st.desired = *need
		}
		st.desired = min(max(st.desired, st.min), st.max)
	}
	settle()
	var acts []scheduled
	if as.Policy != nil {
		for _, a := range as.Policy.Schedule {
			if r, err := schema.ParseCron(a.Cron); err == nil {
				acts = append(acts, scheduled{a, r})
			}
		}
	}
	next := make([]time.Time, len(acts))
	for i, a := range acts {
		next[i] = a.r.Next(warmStart.Add(-time.Minute)) // the first firing at or after warmStart
	}
	hours := map[int]float64{}
	t := warmStart
	for {
		i := earliest(next)
		at := yearEnd
		if i >= 0 && next[i].Before(yearEnd) {
			at = next[i]
		}
		if at.After(yearStart) {
			hours[st.desired] += at.Sub(maxTime(t, yearStart)).Hours()
		}
		if !at.Before(yearEnd) {
			return hours
		}
		t = at
		a := acts[i].act
		st.min, st.max = a.Min, a.Max
		if a.Desired != nil {
			st.desired = *a.Desired
		}
		settle()
		// Firing the same action again changes nothing: skip its repeats
		// up to the next firing of another (a cron every minute would
		// otherwise be a million steps).
		from := t
		if u := earliestOther(next, i); u.After(t) {
			from = u.Add(-time.Minute)
		}
		next[i] = acts[i].r.Next(from)
	}
}

// earliest is the index of the earliest firing time (the first action on
// a tie, as the list orders them), -1 when none is left.
func earliest(next []time.Time) int {
	best := -1
	for i, n := range next {
		if !n.IsZero() && (best < 0 || n.Before(next[best])) {
			best = i
		}
	}
	return best
}

// earliestOther is the earliest firing of an action other than i, or
// yearEnd.
func earliestOther(next []time.Time, i int) time.Time {
	u := yearEnd
	for j, n := range next {
		if j != i && !n.IsZero() && n.Before(u) {
			u = n
		}
	}
	return u
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// fleetShare is one fleet size and the share of the year it holds.
type fleetShare struct {
	n            int
	hours, share float64
}

// shares lists hours as shares of the year, largest fleet first, and the
// average fleet they make.
func shares(hours map[int]float64) ([]fleetShare, float64) {
	total := yearEnd.Sub(yearStart).Hours()
	var out []fleetShare
	for n, h := range hours {
		if h > 0 {
			out = append(out, fleetShare{n, h, h / total})
		}
	}
	slices.SortFunc(out, func(a, b fleetShare) int { return cmp.Compare(b.n, a.n) })
	sum := 0.0 // in that order, so the same bits every run
	for _, f := range out {
		sum += float64(f.n) * f.hours
	}
	return out, sum / total
}
