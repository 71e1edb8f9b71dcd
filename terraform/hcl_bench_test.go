package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/stackgen"
	"github.com/infralint/infralint/schema"
)

// tfCell is the Terraform of one cell of stackgen.Write (a load balancer,
// an autoscaling app tier, a Multi-AZ database, a cache): 8 resources.
const tfCell = `
resource "aws_lb" "web%[1]d" {
  name               = "${local.prefix}-web%[1]d"
  load_balancer_type = "application"
  subnets            = [for s in aws_subnet.public : s.id]
  security_groups    = [aws_security_group.lb.id]
}

resource "aws_lb_listener" "web%[1]d" {
  load_balancer_arn = aws_lb.web%[1]d.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app%[1]d.arn
  }
}

resource "aws_lb_target_group" "app%[1]d" {
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  health_check {
    path     = "/healthz"
    interval = 10
  }
}

resource "aws_launch_template" "app%[1]d" {
  instance_type = var.instance_type
  image_id      = "ami-0abcdef1234567890"
}

resource "aws_autoscaling_group" "app%[1]d" {
  min_size            = 2
  max_size            = 8
  vpc_zone_identifier = [for s in aws_subnet.public : s.id]
  target_group_arns   = [aws_lb_target_group.app%[1]d.arn]

  launch_template {
    id      = aws_launch_template.app%[1]d.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_policy" "app%[1]d" {
  autoscaling_group_name = aws_autoscaling_group.app%[1]d.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 60
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

resource "aws_db_instance" "db%[1]d" {
  engine            = "postgres"
  instance_class    = "db.r5.large"
  multi_az          = local.is_prod
  storage_encrypted = true
}

resource "aws_elasticache_cluster" "cache%[1]d" {
  engine          = "redis"
  node_type       = "cache.m5.large"
  num_cache_nodes = 1
}
`

const tfHead = `
variable "instance_type" {
  default = "m5.large"
}

variable "certificate_arn" {
  default = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
}

locals {
  prefix  = "generated"
  is_prod = true
  azs     = { a = "us-east-1a", b = "us-east-1b", c = "us-east-1c" }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  for_each          = local.azs
  vpc_id            = aws_vpc.main.id
  availability_zone = each.value
}

resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.main.id
}
`

// writeTF writes a root module of cells cells (8 resources each, plus 5).
func writeTF(b *testing.B, cells int) string {
	dir := b.TempDir()
	var s strings.Builder
	s.WriteString(tfHead)
	for i := range cells {
		fmt.Fprintf(&s, tfCell, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(s.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkReadDir200 reads a directory of 205 resources: 25 cells of
// stackgen's, the Terraform of the 100 components BenchmarkLoadCUE100
// loads.
func BenchmarkReadDir200(b *testing.B) {
	dir := writeTF(b, 25)
	m, err := ReadDir(dir, ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if len(m.Resources) != 25*8+5 {
		b.Fatalf("%d resources", len(m.Resources))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadDir(dir, ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCUE100 loads the equivalent CUE stack (stackgen.Write of
// 100 components), the reference issue 16 measures ReadDir against.
func BenchmarkLoadCUE100(b *testing.B) {
	path := filepath.Join(b.TempDir(), "stack.cue")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := stackgen.Write(f, 100); err != nil {
		b.Fatal(err)
	}
	f.Close()
	l, err := schema.NewLoader()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := l.LoadPath(path); err != nil {
			b.Fatal(err)
		}
	}
}
