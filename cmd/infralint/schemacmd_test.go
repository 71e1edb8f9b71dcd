package main

import (
	"strings"
	"testing"
)

func TestSchemaCommandPrintsEmbeddedSchemas(t *testing.T) {
	out, _, code := runCLI(t, "schema")
	if code != 0 || !strings.Contains(out, "#Stack: {") {
		t.Errorf("schema: exit %d, output lacks #Stack", code)
	}
	out, _, code = runCLI(t, "schema", "--config")
	if code != 0 || !strings.Contains(out, "#Config") {
		t.Errorf("schema --config: exit %d, output lacks #Config", code)
	}
}
