resource "aws_instance" "app" {
  instance_type = "t3.micro"
}
