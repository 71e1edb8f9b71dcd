//go:build linkgraphviz

package main

// Built only by bench/diagram.sh (go build -tags linkgraphviz) to measure
// what every command would pay at start-up if infralint linked go-graphviz,
// which compiles its WebAssembly in an init function.
import _ "github.com/infralint/infralint/render/graphviz"
