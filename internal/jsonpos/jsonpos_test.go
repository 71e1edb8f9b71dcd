package jsonpos

import (
	"encoding/json"
	"io"
	"testing"
)

func TestLineCol(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"b\": x\n}")
	for _, tt := range []struct {
		offset int64
		want   string
	}{{0, "1:1"}, {1, "1:2"}, {2, "2:1"}, {9, "2:8"}, {-5, "1:1"}, {1000, "4:2"}} {
		if got := LineCol(data, tt.offset); got != tt.want {
			t.Errorf("LineCol(%d) = %s, want %s", tt.offset, got, tt.want)
		}
	}
}

func TestOf(t *testing.T) {
	var v struct{ B string }
	data := []byte("{\n  \"b\": 7\n}")
	if got, ok := Of(data, json.Unmarshal(data, &v)); !ok || got != "2:8" { // the 7
		t.Errorf("type error at %q, %v; want 2:8", got, ok)
	}
	data = []byte("{\n  \"b\": x\n}")
	if got, ok := Of(data, json.Unmarshal(data, &v)); !ok || got != "2:8" { // the x
		t.Errorf("syntax error at %q, %v; want 2:8", got, ok)
	}
	if got, ok := Of(nil, json.Unmarshal(nil, &v)); !ok || got != "1:1" {
		t.Errorf("empty input at %q, %v; want 1:1", got, ok)
	}
	if _, ok := Of(nil, io.ErrUnexpectedEOF); ok {
		t.Error("an error without an offset has no position")
	}
}
