package term

// Color is an ANSI foreground colour (SGR), or None.
type Color string

// The colours a severity or a verdict is shown in.
const (
	None   Color = ""
	Red    Color = "31"
	Yellow Color = "33"
	Cyan   Color = "36"
	Green  Color = "32"
)

// Paint wraps s in c and a reset; None leaves it as it is. Every line of
// a multi-line s is painted on its own, so that a table that lays the
// lines out side by side never carries a colour into the next column.
func Paint(s string, c Color) string {
	if c == None || s == "" {
		return s
	}
	out := make([]byte, 0, len(s)+10)
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if i > start {
				out = append(out, "\x1b["+string(c)+"m"...)
				out = append(out, s[start:i]...)
				out = append(out, "\x1b[0m"...)
			}
			if i < len(s) {
				out = append(out, '\n')
			}
			start = i + 1
		}
	}
	return string(out)
}
