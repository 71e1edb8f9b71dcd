variable "cidrs" {
  type = list(string)
}

variable "vpc" {}

resource "aws_subnet" "this" {
  count      = length(var.cidrs)
  cidr_block = var.cidrs[count.index]
  tags       = { module = path.module, root = path.root }
  vpc_id     = var.vpc.id
  # Only this module names default_network_acl_id.
  network_acl_id = var.vpc.default_network_acl_id
  vpc_cidr       = var.vpc.cidr_block
}

output "subnet_ids" {
  value = aws_subnet.this[*].id
}
