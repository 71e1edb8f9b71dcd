// Package terraform reads the infrastructure that really exists — a
// Terraform root module (HCL, evaluated statically, never by running
// Terraform) or a plan (`terraform show -json`) — into one neutral form,
// Module: the resources with their evaluated attributes and the place in a
// .tf file each came from. Mapping those resources to a stack is the job of
// the mapping files; reading never downloads a provider or a module.
package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/infralint/infralint/schema"
)

// Pos is a place in a .tf file: schema.Position plus the byte offset, which
// a CUE token.File needs to carry the position through evaluation.
type Pos struct {
	File   string
	Line   int // 1-based; 0: no line known (a plan read without --source)
	Column int // 1-based
	Byte   int // 0-based offset in the file
}

// Position is p as the rest of infralint prints it.
func (p Pos) Position() schema.Position {
	return schema.Position{File: p.File, Line: p.Line, Column: p.Column}
}

// Attribute is one argument of a block, evaluated. Value is unknown
// (cty.UnknownVal or cty.DynamicVal) when a static reader cannot know it;
// the Module lists why in Unresolved.
type Attribute struct {
	Value cty.Value
	Pos   Pos // of the attribute's name
}

// Block is a resource's body or one of its nested blocks (ingress,
// health_check, default_action, launch_template, …).
type Block struct {
	Type   string // "" for a resource body; the nested block's type otherwise
	Labels []string
	Attrs  map[string]Attribute
	Blocks []*Block // nested blocks in source order
	Pos    Pos      // of the block's type keyword
}

// Resource is one instance of a resource: a count or for_each resource is
// one Resource per index or key.
type Resource struct {
	Address string // e.g. module.app.aws_lb.web, aws_instance.web[0], aws_subnet.a["a"]
	Mode    string // "managed" or "data"
	Type    string // e.g. aws_lb
	Name    string // e.g. web
	Module  string // "" at the root; e.g. module.app
	Body    *Block
	Ignores []Ignore
}

// Ignore is one `# infralint:ignore=ID[,ID] reason="..." expires="YYYY-MM-DD"`
// comment on a resource (the line before its block, or inside it) or on
// one of its attributes (the line before it, or at its end).
type Ignore struct {
	IDs     []string
	Reason  string
	Expires string
	Attr    string // "" for the whole resource; else a top-level attribute or nested block type
	Pos     Pos    // of the comment
}

// Unresolved is something a static reader could not know, named where it
// is written: a remote module not downloaded, a value known only after
// apply, a function it does not have.
type Unresolved struct {
	Pos  Pos
	What string
}

// Module is what one read produced.
type Module struct {
	Dir        string
	Resources  []*Resource // sorted by Address
	Unresolved []Unresolved
	// Providers are the root module's provider blocks, evaluated, by
	// name: "aws", or "aws.east" for one with alias = "east" (the mapping
	// finds the region there when no subnet says it).
	Providers map[string]*Block
	// Sources holds the text of every file read, by the file name Pos uses.
	Sources map[string][]byte
}

// refPrefix marks a string that stands for an attribute of another resource
// that only apply knows (its id, arn): NUL cannot appear in a real value.
const refPrefix = "\x00ref:"

// RefValue is the value a reader gives a reference to attribute attr of
// the resource at address when the value itself is not known, so that the
// mapping can follow the reference (a listener's load_balancer_arn, a
// security group rule's source). It is a string, so it passes through
// lists, conditionals and functions such as concat and tolist.
func RefValue(address, attr string) cty.Value {
	return cty.StringVal(refPrefix + address + "#" + attr)
}

// ParseRef reports whether v is a RefValue, and what it refers to.
func ParseRef(v cty.Value) (address, attr string, ok bool) {
	if v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.String) {
		return "", "", false
	}
	s, found := strings.CutPrefix(v.AsString(), refPrefix)
	if !found {
		return "", "", false
	}
	address, attr, ok = strings.Cut(s, "#")
	return address, attr, ok
}
