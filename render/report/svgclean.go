package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
)

// svgElements are the elements Graphviz's SVG and gonum's plots are made
// of (and Graphviz's gradients); anything else is dropped with its
// content. Nothing here loads, runs or embeds: no script, style,
// foreignObject, image, use, animate or set.
var svgElements = map[string]bool{
	"svg": true, "g": true, "title": true, "desc": true, "a": true,
	"text": true, "tspan": true,
	"path": true, "polygon": true, "polyline": true, "ellipse": true, "circle": true, "rect": true, "line": true,
	"defs": true, "linearGradient": true, "radialGradient": true, "stop": true,
}

// svgAttributes are the presentation and geometry attributes those
// elements use; event handlers (on*), href and the rest are dropped.
var svgAttributes = map[string]bool{
	"id": true, "class": true, "width": true, "height": true, "viewBox": true, "preserveAspectRatio": true,
	"transform": true, "d": true, "points": true, "x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true,
	"cx": true, "cy": true, "r": true, "rx": true, "ry": true, "dx": true, "dy": true,
	"fill": true, "fill-opacity": true, "fill-rule": true, "opacity": true,
	"stroke": true, "stroke-width": true, "stroke-dasharray": true, "stroke-opacity": true,
	"stroke-linecap": true, "stroke-linejoin": true, "stroke-miterlimit": true,
	"font-family": true, "font-size": true, "font-style": true, "font-weight": true, "font-variant": true,
	"text-anchor": true, "text-decoration": true, "baseline-shift": true,
	"offset": true, "stop-color": true, "stop-opacity": true, "gradientUnits": true, "gradientTransform": true,
	"style": true, "version": true,
}

// A value may name a gradient of the same SVG (Graphviz's fill="url(#l_0)")
// but nothing outside it.
var (
	localURL = regexp.MustCompile(`^url\(#[A-Za-z0-9_.:-]+\)$`)
	// safeStyle is what gonum's style attributes hold ("fill:#FFFFFF",
	// "font-family:'Liberation Sans',Arial"): no parentheses, so no url()
	// or expression(), no backslash escapes, no @import.
	safeStyle = regexp.MustCompile(`^[A-Za-z0-9 #:;,.'%_-]*$`)
)

// cleanSVG parses svg as XML and writes back only allow-listed elements
// and attributes, each re-escaped from its parsed value so that the
// browser's HTML parser reads exactly what was checked. What is dropped
// is listed in removed ("1 <script> element", "2 onclick attributes"),
// sorted; an error means the input is not SVG at all.
func cleanSVG(svg []byte) (clean string, removed []string, err error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var out strings.Builder
	drops := map[string]int{}
	skip := 0 // depth inside a dropped element
	depth := 0
	sawRoot := false
	open := false // a start tag is written but for its ">"
	closeTag := func() {
		if open {
			out.WriteString(">")
			open = false
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", nil, fmt.Errorf("the renderer's SVG does not parse: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if depth == 0 {
				if sawRoot || t.Name.Local != "svg" || t.Name.Space != svgNS {
					return "", nil, errors.New("the renderer's output is not SVG")
				}
				sawRoot = true
			}
			if t.Name.Space != svgNS || !svgElements[t.Name.Local] {
				drops["<"+noVerbs(t.Name.Local)+"> element%s"]++
				skip = 1
				continue
			}
			closeTag()
			depth++
			out.WriteString("<" + t.Name.Local)
			if depth == 1 {
				// The namespaces, which the decoder folds into names.
				out.WriteString(` xmlns="` + svgNS + `" xmlns:xlink="` + xlinkNS + `"`)
			}
			for _, a := range t.Attr {
				name, ok := attrName(a.Name)
				if !ok {
					continue // a namespace declaration, written above
				}
				if why := refuseAttr(name, a.Value); why != "" {
					drops[why]++
					continue
				}
				out.WriteString(" " + name + `="` + attrEscaper.Replace(a.Value) + `"`)
			}
			open = true
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			depth--
			if open {
				out.WriteString("/>") // as it came: <path .../>
				open = false
			} else {
				out.WriteString("</" + t.Name.Local + ">")
			}
		case xml.CharData:
			if skip == 0 && depth > 0 {
				closeTag()
				out.WriteString(textEscaper.Replace(string(t)))
			}
		case xml.ProcInst, xml.Directive, xml.Comment:
			// The prolog, DOCTYPE and comments have no place inside HTML.
		}
	}
	if !sawRoot {
		return "", nil, errors.New("the renderer's output is not SVG")
	}
	for what, n := range drops {
		plural := ""
		if n > 1 {
			plural = "s"
		}
		removed = append(removed, fmt.Sprintf("%d "+what, n, plural))
	}
	sort.Strings(removed)
	return out.String(), removed, nil
}

// attrEscaper escapes what would end the quoted value or start markup,
// and the line breaks and tabs of Graphviz's tooltips, which an XML parser
// would otherwise read back as spaces.
var attrEscaper = strings.NewReplacer(`&`, "&amp;", `"`, "&#34;", `<`, "&lt;", `>`, "&gt;",
	"\n", "&#10;", "\r", "&#13;", "\t", "&#9;")

// textEscaper escapes markup, and a carriage return, which an XML parser
// would otherwise read back as a line feed.
var textEscaper = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", "\r", "&#13;")

// attrName spells an attribute as HTML's SVG parser knows it; ok is false
// for namespace declarations.
func attrName(n xml.Name) (string, bool) {
	switch n.Space {
	case "":
		return n.Local, n.Local != "xmlns"
	case "xmlns":
		return "", false
	case xlinkNS, "xlink":
		return "xlink:" + n.Local, true
	case "xml", "http://www.w3.org/XML/1998/namespace":
		return "xml:" + n.Local, true
	}
	return n.Space + ":" + n.Local, true
}

// refuseAttr says why an attribute is dropped, as a phrase whose %s takes
// the plural's "s" ("onclick attribute%s"), or "" when it is kept.
func refuseAttr(name, value string) string {
	switch {
	case name == "xlink:title":
		return "" // Graphviz's tooltips
	case name == "href" || name == "xlink:href":
		if strings.HasPrefix(value, "#") {
			return ""
		}
		return "link%s out of the SVG (" + noVerbs(name) + ")"
	case !svgAttributes[name]:
		return noVerbs(name) + " attribute%s"
	case name == "style":
		if !safeStyle.MatchString(value) {
			return "style attribute%s with url(), escapes or other active CSS"
		}
	case strings.Contains(strings.ToLower(value), "url("):
		if !localURL.MatchString(strings.TrimSpace(value)) {
			return "reference%s out of the SVG (" + noVerbs(name) + ")"
		}
	}
	return ""
}

// noVerbs keeps a name from the input out of the phrase's format verbs.
func noVerbs(name string) string { return strings.ReplaceAll(name, "%", "%%") }
