package terraform

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/schema"
)

// cliVarsConfig declares one variable of each kind a flag can set: a
// string, a number (a flag's text converted, as Terraform converts it) and a
// list (a flag's text parsed as HCL, as Terraform parses a complex type).
const cliVarsConfig = `
variable "type" {
  type    = string
  default = "t3.micro"
}
variable "n" {
  type    = number
  default = 1
}
variable "azs" {
  type    = list(string)
  default = ["us-east-1a"]
}
resource "aws_instance" "web" {
  count             = var.n
  instance_type     = var.type
  availability_zone = var.azs[length(var.azs) - 1]
}
`

// Terraform's precedence, lowest first: default, TF_VAR_ (environment),
// terraform.tfvars, *.auto.tfvars, -var-file, -var.
func TestCommandLineVariables(t *testing.T) {
	for _, tt := range []struct {
		name      string
		tfvars    string
		env, vars []string
		count     int
		typ, az   string
	}{
		{name: "defaults", count: 1, typ: "t3.micro", az: "us-east-1a"},
		{name: "environment", env: []string{"TF_VAR_type=m5.large", "TF_VAR_n=3", `TF_VAR_azs=["a", "b"]`, "HOME=/root", "TF_VAR_undeclared=x"},
			count: 3, typ: "m5.large", az: "b"},
		{name: "a file beats the environment", tfvars: `type = "c5.large"`, env: []string{"TF_VAR_type=m5.large"},
			count: 1, typ: "c5.large", az: "us-east-1a"},
		{name: "--var beats a file, the last one wins", tfvars: `type = "c5.large"`, vars: []string{"type=r5.large", "n=2", "type=m6i.large", `azs=["x","y","z"]`},
			count: 2, typ: "m6i.large", az: "z"},
		{name: "a value with = in it", vars: []string{"type=a=b"}, count: 1, typ: "a=b", az: "us-east-1a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "main.tf", cliVarsConfig)
			if tt.tfvars != "" {
				write(t, dir, "terraform.tfvars", tt.tfvars)
			}
			m, err := ReadDir(dir, ReadOptions{Env: tt.env, Vars: tt.vars})
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Resources) != tt.count {
				t.Fatalf("%d instances, want %d", len(m.Resources), tt.count)
			}
			a := m.Resources[0].Body.Attrs
			if got := a["instance_type"].Value.AsString(); got != tt.typ {
				t.Errorf("instance_type = %q, want %q", got, tt.typ)
			}
			if got := a["availability_zone"].Value.AsString(); got != tt.az {
				t.Errorf("availability_zone = %q, want %q", got, tt.az)
			}
		})
	}
}

// Each bad assignment is one error, at the variable's declaration when
// the value is wrong, naming the flag or environment variable it came from.
func TestCommandLineVariableErrors(t *testing.T) {
	for _, tt := range []struct {
		env, vars []string
		want      string
	}{
		{vars: []string{"type"}, want: `--var "type": want NAME=VALUE`},
		{vars: []string{"=x"}, want: `--var "=x": want NAME=VALUE`},
		{vars: []string{"size=2"}, want: `--var size=2: the root module (DIR) declares no variable "size"`},
		{vars: []string{"n=two"}, want: `main.tf:6:10: invalid value for variable "n" from --var n: a number is required (its type is number)`},
		{env: []string{"TF_VAR_n=two"}, want: `main.tf:6:10: invalid value for variable "n" from TF_VAR_n (environment): a number is required (its type is number)`},
		{vars: []string{`azs=["a"`}, want: `main.tf:10:10: invalid value for variable "azs" from --var azs: Unterminated tuple constructor expression (a list(string) is written as HCL, e.g. ["a"] or {k = "v"})`},
	} {
		dir := t.TempDir()
		write(t, dir, "main.tf", cliVarsConfig)
		_, err := ReadDir(dir, ReadOptions{Env: tt.env, Vars: tt.vars})
		var es schema.Errors
		if !errors.As(err, &es) || len(es) != 1 {
			t.Errorf("%v %v: %v, want one error", tt.env, tt.vars, err)
			continue
		}
		got := strings.ReplaceAll(strings.ReplaceAll(es.Error(), dir+string(filepath.Separator), ""), dir, "DIR")
		if got != tt.want {
			t.Errorf("%v %v:\n got %s\nwant %s", tt.env, tt.vars, got, tt.want)
		}
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
