variable "instance_type" {}
variable "azs" {
  type = list(string)
}

resource "aws_instance" "app" {
  instance_type     = var.instance_type
  availability_zone = var.azs[1]
}

resource "aws_lb" "web" {
  name     = "web"
  internal = var.internal # null: not set, as if the line were not there
}

variable "internal" {
  default = null
}

# Keys and counts that only apply knows: the instances are not read.
resource "aws_route_table_association" "a" {
  for_each  = toset([aws_instance.app.subnet_id])
  subnet_id = each.value
}

resource "aws_eip" "app" {
  count    = aws_instance.app.cpu_core_count
  instance = aws_instance.app.id
}
