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
