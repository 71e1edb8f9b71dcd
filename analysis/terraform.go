package analysis

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/terraform"
)

// workloadHint is how a user gives what Terraform cannot say.
const workloadHint = "give them with --workload FILE or workload_file in .infralint.cue (docs/terraform.md)"

// numericGaps lists what a stack read from Terraform lacks for the
// capacity model and the cost estimate: its workload (rps, SLO) and each
// serving tier's per-request demand. Without them those analyses would
// run on zeros (a month of 0 hours, a tier at 0 rps judged "ok"), so the
// pipeline does not run them and says this instead. A hand-written stack
// has none: the schema requires both.
func numericGaps(s *schema.Stack) []string {
	if !s.Derived() {
		return nil
	}
	var gaps []string
	if !s.WorkloadGiven {
		gaps = append(gaps, "no workload (avg_rps, peak_rps, slo_p99_ms)")
	}
	var tiers []string
	for _, c := range s.OfKind(schema.KindCompute) {
		switch c.Compute.Serves {
		case schema.ServesTCP, schema.ServesNone:
			continue // not modelled as a queue, with or without demand
		}
		if !c.Compute.Modelled() {
			tiers = append(tiers, c.Name)
		}
	}
	if len(tiers) > 0 {
		gaps = append(gaps, fmt.Sprintf("no demand.cpu_ms for %s (serves: \"tcp\" or \"none\" for one that serves no requests)", strings.Join(tiers, ", ")))
	}
	return gaps
}

// notComputed says why a derived stack has no capacity model and no
// estimate, or "" when it has what they need.
func notComputed(s *schema.Stack) string {
	gaps := numericGaps(s)
	if len(gaps) == 0 {
		return ""
	}
	return "the stack, read from Terraform, has " + strings.Join(gaps, " and ") +
		": Terraform does not say them; " + workloadHint
}

// analyzeStructure runs what a derived stack without its numbers allows:
// the rules that need no model, the others skipped saying why. A command
// that shows the model or the estimate itself (capacity, cost, report,
// diagram --annotate) gets an input error instead: it has nothing true
// to print.
func analyzeStructure(r *Result, s *schema.Stack, cat *catalog.Catalog, want Want, why string) {
	if (want.Capacity || want.Cost || want.Sweeps) && !want.BesideFindings {
		r.Stack = nil
		r.Errors = schema.Errors{{Pos: schema.Position{File: stackFile(r.Path)}, Msg: "no capacity model or cost estimate: " + why}}
		return
	}
	r.NotComputed = why
	if want.Findings {
		res := rules.Run(&rules.Input{Stack: s, Catalog: cat, NotComputed: why}, r.Config.Rules)
		r.Findings = &res
	}
}

// terraformKind says whether path is Terraform: "dir" for a directory
// holding .tf files (a root module; its .cue files are not a stack but
// may be its workload overlay), "plan" for a `terraform show -json`
// file, "" for a CUE stack.
func terraformKind(path string) string {
	if path == StdinPath {
		return ""
	}
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	if info.IsDir() {
		if hasTF(path) {
			return "dir"
		}
		return ""
	}
	if strings.HasSuffix(path, ".json") && info.Mode().IsRegular() {
		return "plan"
	}
	return ""
}

// hasTF reports whether dir holds a .tf file.
func hasTF(dir string) bool {
	tf, _ := filepath.Glob(filepath.Join(globEscape(dir), "*.tf"))
	return len(tf) > 0
}

// globEscape quotes the glob metacharacters of a literal path.
func globEscape(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TerraformRead is what a stack read from Terraform left out: resources
// no mapping row models, values a static read could not know, and rules
// that could not be carried into the stack. The commands print it, so
// that nothing is dropped in silence.
type TerraformRead struct {
	NotModelled []terraform.NotModelled
	Unresolved  []terraform.Unresolved
	Notes       []terraform.Unresolved
	// Overlays are the workload files laid over the stack.
	Overlays []string
}

// The readers, replaced in tests by ones returning hand-built modules.
var (
	readDir  = terraform.ReadDir
	readPlan = terraform.ReadPlan
)

// loadTerraform reads a Terraform directory or plan, maps it and loads
// the stack unified with its workload overlay.
func loadTerraform(l *schema.Loader, r *Result, kind string, req *Request) (*schema.Stack, error) {
	opts := terraform.ReadOptions{VarFiles: req.VarFiles, Vars: req.Vars, Env: req.Env, Source: req.Source}
	var m *terraform.Module
	var err error
	if kind == "plan" {
		m, err = readPlan(r.Path, opts)
	} else {
		m, err = readDir(r.Path, opts)
	}
	if err != nil {
		return nil, err
	}
	name := r.Path
	if abs, err := filepath.Abs(r.Path); err == nil {
		name = abs // "." names the directory it is
	}
	name = filepath.Base(name)
	if kind == "plan" {
		name = strings.TrimSuffix(name, ".json")
		if req.Source != "" {
			if abs, err := filepath.Abs(req.Source); err == nil {
				name = filepath.Base(abs)
			}
		}
	}
	st := terraform.Map(m, name)
	overlays := req.Workload
	if len(overlays) == 0 && r.Config.File.WorkloadFile != "" {
		f := r.Config.File.WorkloadFile
		if !filepath.IsAbs(f) {
			f = filepath.Join(filepath.Dir(r.Config.File.File), f)
		}
		overlays = []string{f}
	}
	r.Terraform = &TerraformRead{NotModelled: st.NotModelled, Unresolved: st.Unresolved, Notes: st.Notes, Overlays: overlays}
	s, err := l.LoadDerived(r.Path, st.Syntax(), overlays)
	if errs, ok := err.(schema.Errors); ok {
		if len(overlays) > 0 {
			nameTerraformSide(errs, st.Positions())
		}
		nameResources(errs, st.Components)
		placeHint(errs)
	}
	return s, err
}

// placeHint says where a region and AZs come from when the Terraform
// declares no subnet with an availability zone (a VPC made by a remote
// module the reader did not download, say).
func placeHint(errs schema.Errors) {
	for _, e := range errs {
		if strings.Contains(e.Msg, "field region") || strings.HasPrefix(e.Msg, "network.azs") {
			e.Msg += " (the Terraform declares no aws_subnet with an availability_zone: set region and network.azs in the --workload overlay, or region in .infralint.cue)"
		}
	}
}

// nameResources adds to an error about a component the Terraform
// resource it was made from: the user knows aws_lb.web, not "web".
func nameResources(errs schema.Errors, components map[string]string) {
	names := slices.Sorted(maps.Keys(components)) // the first named, the same each run
	for _, e := range errs {
		for _, name := range names {
			addr := components[name]
			if strings.Contains(e.Msg, "components."+name+".") || strings.HasSuffix(e.Msg, "components."+name) {
				e.Msg += " (" + addr + ")"
				break
			}
		}
	}
}

// nameTerraformSide adds, to an error the overlay caused on a field that
// Terraform also sets (a conflict), where Terraform sets it: CUE's
// message names one place, and the user must see both.
func nameTerraformSide(errs schema.Errors, tf map[string]terraform.Pos) {
	for _, e := range errs {
		path, _, ok := strings.Cut(e.Msg, ": ")
		if !ok || strings.HasSuffix(e.Pos.File, ".tf") {
			continue
		}
		if p, set := tf[path]; set {
			e.Msg += fmt.Sprintf(" (Terraform sets it at %s:%d:%d)", p.File, p.Line, p.Column)
		}
	}
}

// maxOverlayBytes bounds a workload overlay as a stack file is bounded.
const maxOverlayBytes = 4 << 20

// checkTerraformFlags refuses, before anything is evaluated, a --workload
// that is not a readable regular file and a --source that is not a
// directory: each is one message naming the flag.
func checkTerraformFlags(req Request) error {
	for _, f := range req.Workload {
		info, err := os.Stat(f)
		if err == nil {
			err = inputfile.Check(info, maxOverlayBytes)
		} else if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		if err != nil {
			return fmt.Errorf("--workload %s: %v", f, err)
		}
	}
	if req.Source != "" {
		info, err := os.Stat(req.Source)
		switch {
		case err != nil:
			if pe, ok := err.(*os.PathError); ok {
				err = pe.Err
			}
			return fmt.Errorf("--source %s: %v", req.Source, err)
		case !info.IsDir():
			return fmt.Errorf("--source %s: not a directory (the Terraform root module the plan was made from)", req.Source)
		}
	}
	for _, f := range req.VarFiles {
		info, err := os.Stat(f)
		if err == nil {
			err = inputfile.Check(info, maxOverlayBytes)
		} else if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		if err != nil {
			return fmt.Errorf("--var-file %s: %v", f, err)
		}
	}
	return nil
}
