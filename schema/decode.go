package schema

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"cuelang.org/go/cue"
)

// decodeValue fills the struct that x points to from the evaluated value v,
// as encoding/json would fill it from v's JSON: fields by their json tag,
// absent fields left alone, null as a nil pointer. Reading v directly
// instead of through MarshalJSON skips building the JSON text and CUE's
// field sort, which every struct of the export (but no LookupPath) runs.
func decodeValue(v cue.Value, x any) error {
	return decodeInto(v, reflect.ValueOf(x).Elem())
}

// kindDecoder is a struct whose value holds more fields than its type
// declares; Component reads its kind's fields from its own value.
type kindDecoder interface {
	kindFields() (any, error)
}

func decodeInto(v cue.Value, x reflect.Value) error {
	var err error
	switch x.Kind() {
	case reflect.Pointer:
		if v.Kind() == cue.NullKind {
			x.SetZero()
			return nil
		}
		if x.IsNil() {
			x.Set(reflect.New(x.Type().Elem()))
		}
		return decodeInto(v, x.Elem())
	case reflect.Struct:
		return decodeStruct(v, x)
	case reflect.Map:
		return decodeMap(v, x)
	case reflect.Slice:
		return decodeSlice(v, x)
	case reflect.String:
		var s string
		s, err = v.String()
		x.SetString(s)
	case reflect.Bool:
		var b bool
		b, err = v.Bool()
		x.SetBool(b)
	case reflect.Int:
		var i int64
		i, err = v.Int64()
		x.SetInt(i)
	case reflect.Float64:
		var f float64
		f, err = v.Float64()
		x.SetFloat(f)
	default:
		return fmt.Errorf("%s: cannot decode into %s", v.Path(), x.Type())
	}
	return err
}

func decodeStruct(v cue.Value, x reflect.Value) error {
	for _, f := range fieldsOf(x.Type()) {
		fv := v.LookupPath(f.path)
		if !fv.Exists() {
			continue // an optional field the stack leaves out
		}
		if err := decodeInto(fv, x.Field(f.index)); err != nil {
			return err
		}
	}
	if k, ok := x.Addr().Interface().(kindDecoder); ok {
		target, err := k.kindFields()
		if err != nil {
			return err
		}
		return decodeInto(v, reflect.ValueOf(target).Elem())
	}
	return nil
}

func decodeMap(v cue.Value, x reflect.Value) error {
	iter, err := v.Fields()
	if err != nil {
		return err
	}
	m := reflect.MakeMap(x.Type())
	for iter.Next() {
		elem := reflect.New(x.Type().Elem()).Elem()
		if err := decodeInto(iter.Value(), elem); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(iter.Selector().Unquoted()), elem)
	}
	x.Set(m)
	return nil
}

func decodeSlice(v cue.Value, x reflect.Value) error {
	iter, err := v.List()
	if err != nil {
		return err
	}
	s := reflect.MakeSlice(x.Type(), 0, 0)
	for iter.Next() {
		elem := reflect.New(x.Type().Elem()).Elem()
		if err := decodeInto(iter.Value(), elem); err != nil {
			return err
		}
		s = reflect.Append(s, elem)
	}
	x.Set(s)
	return nil
}

// decodedField is a struct field read from the CUE field its json tag names.
type decodedField struct {
	index int
	path  cue.Path
}

var fieldCache sync.Map // reflect.Type → []decodedField

func fieldsOf(t reflect.Type) []decodedField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]decodedField)
	}
	var fs []decodedField
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		fs = append(fs, decodedField{index: i, path: cue.MakePath(cue.Str(name))})
	}
	fieldCache.Store(t, fs)
	return fs
}
