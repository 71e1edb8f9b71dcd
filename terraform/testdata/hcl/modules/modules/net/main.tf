variable "cidrs" {
  type = list(string)
}

resource "aws_subnet" "this" {
  count      = length(var.cidrs)
  cidr_block = var.cidrs[count.index]
  tags       = { module = path.module, root = path.root }
}

output "subnet_ids" {
  value = aws_subnet.this[*].id
}
