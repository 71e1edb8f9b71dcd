package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestLinkIDs: a known id or arn of another resource becomes a reference
// to it; a data source reading the same object loses to the resource, two
// resources sharing a value link neither, a resource's own id stays.
func TestLinkIDs(t *testing.T) {
	res := func(addr, mode string, attrs map[string]cty.Value) *Resource {
		b := &Block{Attrs: map[string]Attribute{}}
		for n, v := range attrs {
			b.Attrs[n] = Attribute{Value: v}
		}
		return &Resource{Address: addr, Mode: mode, Body: b}
	}
	s := cty.StringVal
	rs := []*Resource{
		res("data.aws_vpc.x", "data", map[string]cty.Value{"id": s("vpc-1")}),
		res("aws_vpc.main", "managed", map[string]cty.Value{"id": s("vpc-1"), "arn": s("arn:vpc-1")}),
		res("aws_lb.web", "managed", map[string]cty.Value{"id": s("arn:lb"), "arn": s("arn:lb")}),
		res("aws_x.a", "managed", map[string]cty.Value{"id": s("dup")}),
		res("aws_x.b", "managed", map[string]cty.Value{"id": s("dup")}),
		res("aws_subnet.a", "managed", map[string]cty.Value{
			"vpc_id": s("vpc-1"), "lbs": cty.TupleVal([]cty.Value{s("arn:lb"), s("other")}),
			"tags": cty.ObjectVal(map[string]cty.Value{"vpc": s("arn:vpc-1")}), "x": s("dup"),
		}),
	}
	linkIDs(rs)
	sub := rs[5].Body.Attrs
	for _, c := range []struct {
		got  cty.Value
		want string
	}{
		{sub["vpc_id"].Value, `ref(aws_vpc.main#id)`},
		{sub["lbs"].Value, `[ref(aws_lb.web#arn), "other"]`},
		{sub["tags"].Value, `{vpc = ref(aws_vpc.main#arn)}`},
		{sub["x"].Value, `"dup"`},
		{rs[1].Body.Attrs["id"].Value, `"vpc-1"`},
		{rs[0].Body.Attrs["id"].Value, `"vpc-1"`},
	} {
		if got := value(c.got); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}
