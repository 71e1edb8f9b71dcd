package graphviz

import (
	"context"
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"image"

	"github.com/goccy/go-graphviz/gvc"
)

// Text is drawn with the Go fonts, which are embedded in the binary, so PNG
// output does not depend on the fonts installed. Graphviz's font name picks
// the variant: names containing "Bold", "Italic"/"Oblique" and
// "Courier"/"Mono" (and <B>, <I> in HTML-like labels) select the bold,
// italic and monospaced Go fonts; every other family (Times, Helvetica,
// Arial, ...) is drawn with Go Regular. Underline and strike-through in
// HTML-like labels are not drawn.
//
// The Go fonts have no CJK glyphs. For a character they lack, a few
// well-known system font files are tried (loaded once, on first need); when
// none is installed the character is drawn as the Go font's missing-glyph box.
//
// Graphviz sizes nodes from its own estimate of the text width; when the Go
// font is wider than that estimate by more than textSlack, the text is
// scaled down to fit.

// textSlack is how much wider than Graphviz's estimate a line may be drawn:
// node shapes leave a margin around their label.
const textSlack = 1.1

const (
	fontRegular = iota
	fontBold
	fontItalic
	fontBoldItalic
	fontMono
	fontMonoBold
	numVariants
)

var (
	goFontsOnce sync.Once
	goFonts     [numVariants]*sfnt.Font
	goFontsErr  error

	fallbackOnce  sync.Once
	fallbackFonts []*sfnt.Font

	faceCache = map[faceKey]font.Face{} // guarded by mu (Render's lock)
)

type faceKey struct {
	f    *sfnt.Font
	size float64
}

func loadGoFonts() error {
	goFontsOnce.Do(func() {
		srcs := [numVariants][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF, gomono.TTF, gomonobold.TTF}
		for i, src := range srcs {
			f, err := opentype.Parse(src)
			if err != nil {
				goFontsErr = err
				return
			}
			goFonts[i] = f
		}
	})
	return goFontsErr
}

// fallbackPaths are system fonts with wide Unicode (notably Hangul and CJK)
// coverage, tried in order for characters the Go fonts lack.
var fallbackPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
	"/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/System/Library/Fonts/AppleSDGothicNeo.ttc",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	`C:\Windows\Fonts\malgun.ttf`,
}

func loadFallbackFonts() []*sfnt.Font {
	fallbackOnce.Do(func() {
		for _, p := range fallbackPaths {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			if c, err := opentype.ParseCollection(b); err == nil && c.NumFonts() > 0 {
				if f, err := c.Font(0); err == nil {
					fallbackFonts = append(fallbackFonts, f)
				}
			}
		}
	})
	return fallbackFonts
}

// Graphviz's font flags for HTML-like labels (<B>, <I>).
const (
	htmlBold   = 1 << 0
	htmlItalic = 1 << 1
)

func variantFor(name string, flags uint) int {
	n := strings.ToLower(name)
	bold := flags&htmlBold != 0 || strings.Contains(n, "bold") || strings.Contains(n, "black") || strings.Contains(n, "heavy")
	italic := flags&htmlItalic != 0 || strings.Contains(n, "italic") || strings.Contains(n, "oblique")
	mono := strings.Contains(n, "courier") || strings.Contains(n, "mono") || strings.Contains(n, "consol")
	switch {
	case mono && bold:
		return fontMonoBold
	case mono:
		return fontMono
	case bold && italic:
		return fontBoldItalic
	case bold:
		return fontBold
	case italic:
		return fontItalic
	}
	return fontRegular
}

func faceFor(f *sfnt.Font, size float64) (font.Face, error) {
	size = float64(int(size*4+0.5)) / 4
	if size < 1 {
		size = 1
	}
	k := faceKey{f, size}
	if face, ok := faceCache[k]; ok {
		return face, nil
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	faceCache[k] = face
	return face, nil
}

// run is a stretch of text drawn with one font.
type run struct {
	f    *sfnt.Font
	text string
}

// runs splits s into stretches by the font that has each character: the
// primary Go font, else the first fallback font that has it.
func runs(primary *sfnt.Font, s string) []run {
	var buf sfnt.Buffer
	var out []run
	var fallbacks []*sfnt.Font
	for _, r := range s {
		f := primary
		if gi, err := primary.GlyphIndex(&buf, r); (err != nil || gi == 0) && r > ' ' {
			if fallbacks == nil {
				fallbacks = loadFallbackFonts()
			}
			for _, fb := range fallbacks {
				if gi, err := fb.GlyphIndex(&buf, r); err == nil && gi != 0 {
					f = fb
					break
				}
			}
		}
		if n := len(out); n > 0 && out[n-1].f == f {
			out[n-1].text += string(r)
		} else {
			out = append(out, run{f, string(r)})
		}
	}
	return out
}

// measure returns the advance of the runs at the given pixel size.
func measure(rs []run, size float64) (fixed.Int26_6, error) {
	var w fixed.Int26_6
	for _, r := range rs {
		face, err := faceFor(r.f, size)
		if err != nil {
			return 0, err
		}
		w += font.MeasureString(face, r.text)
	}
	return w, nil
}

// TextSpan draws one line of a label. p is the baseline anchor in points;
// the span's justification says whether p is its left end, right end or
// centre.
func (e *engine) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	if e.dc == nil || e.err != nil {
		return nil
	}
	text := span.Text()
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if err := loadGoFonts(); err != nil {
		e.err = err
		return nil
	}
	col := nrgba(job.Object().PenColor())
	if col.A == 0 {
		return nil
	}
	fnt := span.Font()
	scale := (e.sx + e.sy) / 2
	size := fnt.Size() * scale
	layoutW := span.Size().X() * scale
	e.dbg("text %q at %.1f,%.1f just=%c size=%.1f font=%q w=%.1f h=%.1f yoffL=%.2f yoffC=%.2f", text, p.X(), p.Y(), rune(span.Just()), fnt.Size(), fnt.Name(), span.Size().X(), span.Size().Y(), span.YOffsetLayout(), span.YOffsetCenterLine())

	rs := runs(goFonts[variantFor(fnt.Name(), fnt.Flags())], text)
	w, err := measure(rs, size)
	if err != nil {
		e.err = err
		return nil
	}
	if wpx := float64(w) / 64; layoutW > 0 && wpx > layoutW*textSlack {
		size *= max(layoutW*textSlack/wpx, 0.6)
		if w, err = measure(rs, size); err != nil {
			e.err = err
			return nil
		}
	}
	x := e.px(p.X())
	switch span.Just() {
	case 'r':
		x -= float64(w) / 64
	case 'l':
	default:
		x -= float64(w) / 128
	}
	y := e.py(p.Y() + span.YOffsetCenterLine())
	d := font.Drawer{Dst: e.img, Src: image.NewUniform(col), Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}}
	for _, r := range rs {
		face, err := faceFor(r.f, size)
		if err != nil {
			e.err = err
			return nil
		}
		d.Face = face
		d.DrawString(r.text)
	}
	return nil
}
