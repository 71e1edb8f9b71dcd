package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is hcl_dump_test.go's -update flag: it rewrites these goldens too.

// The whole import of a web tier with a database, a cache, a CDN, a
// bucket it does not model and an ignore comment, byte for byte: the
// order of the fields, their comments and the header. Regenerate with
// go test ./terraform -update after a deliberate change, and read the diff.
func TestImportGolden(t *testing.T) {
	f := newFake("infra/main.tf")
	f.network()
	webTier(f)
	db := f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "mysql").str("instance_class", "db.m5.large").boolean("storage_encrypted", false).
			refs("vpc_security_group_ids", "aws_security_group.db#id")
	})
	db.Ignores = []Ignore{{IDs: []string{"TLS004"}, Reason: "staging data only", Attr: "storage_encrypted", Pos: db.Body.Attrs["storage_encrypted"].Pos}}
	f.res("aws_security_group.db", func(b *blk) {
		b.block("ingress", func(b *blk) {
			b.num("from_port", 3306).num("to_port", 3306).str("protocol", "tcp").refs("security_groups", "aws_security_group.app#id")
		})
	})
	f.res("aws_elasticache_replication_group.cache", func(b *blk) { b.str("node_type", "cache.r6g.large").num("num_cache_clusters", 2) })
	f.res("aws_cloudfront_distribution.site", func(b *blk) {
		b.block("origin", func(b *blk) { b.ref("domain_name", "aws_lb.web", "dns_name") })
		b.block("default_cache_behavior", func(b *blk) { b.str("viewer_protocol_policy", "redirect-to-https") })
	})
	f.res("aws_s3_bucket.assets", nil)
	m := f.module()
	m.Unresolved = []Unresolved{{Pos: db.Body.Pos, What: "aws_db_instance.db: password is known only after apply"}}
	got, err := Map(m, "infra").ImportCUE("infra", func(p Pos) string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) })
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "map", "web.cue")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./terraform -update writes it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("import differs from %s (-want +got):\n%s", path, d)
	}
}
