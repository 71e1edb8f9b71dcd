variable "name" {}
variable "type" {}
variable "subnets" {
  type = list(string)
}
variable "db_engine" {
  default = "mysql"
}

# infralint:ignore=LB001 reason="behind the CDN"
resource "aws_lb" "this" {
  name    = "app-${var.name}"
  subnets = var.subnets
}

resource "aws_launch_template" "this" {
  instance_type = var.type
}

module "db" {
  source = "../db"
  engine = var.db_engine
}

output "lb_dns" {
  value = aws_lb.this.dns_name
}
