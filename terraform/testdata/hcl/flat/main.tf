locals {
  name    = "shop-${var.env}"
  is_prod = var.env == "prod"
  cidrs   = { for i, az in var.azs : az => "10.0.${i}.0/24" }
  ports   = [80, 443]
  tags = merge({ Env = var.env }, { Name = local.name })
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "public" {
  for_each          = local.cidrs
  vpc_id            = aws_vpc.main.id
  availability_zone = each.key
  cidr_block        = each.value
}

# infralint:ignore=LB003 reason="redirect lands in the next release" expires="2027-01-31"
resource "aws_lb" "web" {
  name               = "${local.name}-web"
  load_balancer_type = "application"
  subnets            = [for s in aws_subnet.public : s.id]
  security_groups    = [aws_security_group.lb.id]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = local.ports[0]
  protocol          = upper("http") # infralint:ignore=LB001 reason="internal only"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_target_group" "app" {
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  health_check {
    path = "/healthz"
  }
}

resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_instance" "app" {
  count         = var.app_count
  ami           = data.aws_ami.ubuntu.id
  instance_type = local.is_prod ? var.instance_type : "t3.micro"
  subnet_id     = aws_subnet.public["us-east-1a"].id
  key_name      = var.ssh_key
  user_data     = templatefile("${path.module}/init.sh", { n = count.index })
  tags          = { Name = "app-${count.index}" }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "main" {
  # infralint:ignore=DB002 reason="staging copy"
  instance_class    = var.db.class
  multi_az          = var.db.multi_az
  engine            = "postgres"
  storage_encrypted = false
  vpc_security_group_ids = aws_instance.app[*].vpc_security_group_ids
}

output "app_ids" {
  value = aws_instance.app[*].id
}

locals {
  web_lb = aws_lb.web # the whole resource: what it does not set are references
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = local.web_lb.arn
  port              = length("https") == 5 ? 443 : 0
  protocol          = replace("h-t-t-p-s", "/-/", "")
  certificate_arn   = lookup(var.certs, var.env, "none")
  ssl_policy        = element(["ELBSecurityPolicy-TLS13-1-2-2021-06"], 0)
  tags              = { lb = local.web_lb.name }
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
}

data "aws_availability_zones" "all" {}

resource "aws_subnet" "spare" {
  # A data source's list is known only when Terraform reads it.
  availability_zone = slice(data.aws_availability_zones.all.names, 0, 1)[0]
  vpc_id            = aws_vpc.main.id
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "replica"
  region = var.env == "prod" ? "us-west-2" : "us-east-2"
}
