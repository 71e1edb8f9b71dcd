package graphviz

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"gif", "pdf", "SVG", "", "png:cairo", "jpg"} {
		var buf bytes.Buffer
		err := Render(context.Background(), []byte(`digraph { a -> b }`), format, &buf)
		if !errors.Is(err, ErrUnknownFormat) {
			t.Fatalf("format %q: err = %v, want ErrUnknownFormat", format, err)
		}
		if !strings.Contains(err.Error(), "svg, png, dot") {
			t.Errorf("error does not list the formats: %v", err)
		}
		if buf.Len() != 0 {
			t.Errorf("format %q: %d bytes written on error", format, buf.Len())
		}
	}
	// The next renders on the same instance still work.
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Render(context.Background(), []byte(`digraph { a -> b }`), format, &buf); err != nil {
			t.Fatalf("%s after unknown format: %v", format, err)
		}
		if buf.Len() == 0 {
			t.Fatalf("%s after unknown format: empty output", format)
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, dot := range []string{"", "   ", "digraph {", "this is not dot", "digraph { a -> }"} {
		var buf bytes.Buffer
		err := Render(context.Background(), []byte(dot), "svg", &buf)
		if err == nil {
			t.Errorf("DOT %q: no error", dot)
		}
		if buf.Len() != 0 {
			t.Errorf("DOT %q: %d bytes written on error", dot, buf.Len())
		}
	}
	var buf bytes.Buffer
	if err := Render(context.Background(), []byte(`digraph { a -> b }`), "png", &buf); err != nil {
		t.Fatalf("render after bad input: %v", err)
	}
	decodePNG(t, buf.Bytes())
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Render(ctx, []byte(`digraph { a }`), "svg", &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestConcurrentRenders(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			format := Formats()[i%3]
			var buf bytes.Buffer
			if err := Render(context.Background(), []byte(pixelDOT), format, &buf); err != nil {
				errs <- err
				return
			}
			if buf.Len() == 0 {
				errs <- errors.New(format + ": empty output")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
