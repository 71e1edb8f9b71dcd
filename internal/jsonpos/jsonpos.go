// Package jsonpos gives the line and column of encoding/json's errors, which
// carry only a byte offset, so that a bad JSON input file is reported as
// file:line:col like every other input.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// LineCol renders a byte offset into data as "line:column", both from 1;
// the column counts bytes. An offset outside data is clamped to it.
func LineCol(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

// Of returns the "line:column" of a syntax or type error from decoding
// data, and false for an error that has no offset.
func Of(data []byte, err error) (string, bool) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	// Both offsets are just past the character at fault: the one that
	// could not be read, or the last of a bad scalar (the opening bracket
	// of a bad array or object).
	case errors.As(err, &syn):
		return LineCol(data, syn.Offset-1), true
	case errors.As(err, &typ):
		return LineCol(data, typ.Offset-1), true
	}
	return "", false
}
