package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// supported are Terraform's functions that cty's standard library (and
// HCL's try and can) implement with Terraform's meaning. Terraform's own
// implementations are internal to it; the rest are in unsupported.
var supported = map[string]function.Function{
	"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
	"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
	"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,

	"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
	"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
	"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": replaceFunc,
	"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
	"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
	"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,

	"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
	"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
	"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
	"index": stdlib.IndexFunc, "keys": stdlib.KeysFunc, "length": lengthFunc,
	"lookup": stdlib.LookupFunc, "merge": stdlib.MergeFunc, "range": stdlib.RangeFunc,
	"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
	"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc,
	"setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc,
	"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,

	"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
	"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,

	"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
	"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),

	"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
}

// unsupported are Terraform's other functions (Terraform 1.x, "Built-in
// Functions"): a call to one is unknown, at its position, never guessed.
// The file-system ones would read outside the configuration, the others
// are not in a maintained library with Terraform's semantics.
var unsupported = map[string]bool{
	"abspath": true, "alltrue": true, "anytrue": true, "base64decode": true, "base64encode": true,
	"base64gzip": true, "base64sha256": true, "base64sha512": true, "basename": true, "bcrypt": true,
	"cidrhost": true, "cidrnetmask": true, "cidrsubnet": true, "cidrsubnets": true, "dirname": true,
	"endswith": true, "ephemeralasnull": true, "file": true, "filebase64": true, "filebase64sha256": true,
	"filebase64sha512": true, "fileexists": true, "filemd5": true, "fileset": true, "filesha1": true,
	"filesha256": true, "filesha512": true, "issensitive": true, "matchkeys": true, "md5": true,
	"nonsensitive": true, "one": true, "pathexpand": true, "plantimestamp": true, "rsadecrypt": true,
	"sensitive": true, "sha1": true, "sha256": true, "sha512": true, "startswith": true,
	"strcontains": true, "sum": true, "templatefile": true, "templatestring": true,
	"textdecodebase64": true, "textencodebase64": true, "timecmp": true, "timestamp": true,
	"transpose": true, "type": true, "urlencode": true, "uuid": true, "uuidv5": true,
	"yamldecode": true, "yamlencode": true, "list": true, "map": true,
}

// functions is the function table of one read: the supported functions,
// and one that returns an unknown value for each unsupported one.
func functions() map[string]function.Function {
	fs := make(map[string]function.Function, len(supported)+len(unsupported))
	for n, f := range supported {
		fs[n] = f
	}
	for n := range unsupported {
		fs[n] = unknownFunc
	}
	return fs
}

// unknownFunc stands for a function a static reader does not have.
var unknownFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name: "args", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowDynamicType: true, AllowNull: true, AllowMarked: true,
	},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
})

// checkFunction says, where it is called, that a function is unsupported
// (its value unknown) or unknown to Terraform (an error).
func (r *reader) checkFunction(e *hclsyntax.FunctionCallExpr) {
	at := posOf(e.NameRange.Start, e.NameRange.Filename)
	name := e.Name
	if _, ok := supported[name]; ok {
		return
	}
	switch {
	case unsupported[name]:
		r.unresolved(at, "function %s is not one a static reader has: its value is unknown", name)
	case strings.Contains(name, "::"):
		r.funcs[name] = unknownFunc
		r.unresolved(at, "provider function %s is not run by a static reader: its value is unknown", name)
	default:
		all := append(keys(supported), keys(unsupported)...)
		r.errorf(at, "call to unknown function %s%s", name, suggest(name, all, ""))
	}
}

// replaceFunc is Terraform's replace: a substring, or a regular expression
// when the substring is written /like this/.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if sub := args[1].AsString(); len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

// lengthFunc is Terraform's length: of a collection, an object or a string.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch t := args[0].Type(); {
		case t == cty.String:
			return stdlib.Strlen(args[0])
		case t.IsObjectType(): // an object literal, {a = 1}
			return cty.NumberIntVal(int64(len(t.AttributeTypes()))), nil
		}
		return stdlib.Length(args[0])
	},
})
