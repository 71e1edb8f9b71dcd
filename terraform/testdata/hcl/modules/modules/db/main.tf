variable "engine" {}

resource "aws_db_instance" "this" {
  engine         = var.engine
  instance_class = "db.r5.large"
}
