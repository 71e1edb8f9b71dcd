variable "instance_type" {}
variable "azs" {
  type = list(string)
}

resource "aws_instance" "app" {
  instance_type     = var.instance_type
  availability_zone = var.azs[1]
}
